// The events a committed transaction gives, from the changes its Writer recorded. Called only
// after the commit, so a rolled-back write never publishes anything.
import type { RecordedChange } from '../audit/writer.js';
import { type EntityType, eventBus } from './bus.js';

const entityTypes = new Set<string>(['Person', 'Country', 'Organization']);

export function publishCommitted(changes: readonly RecordedChange[]): void {
  const bus = eventBus();
  const entities = new Map<string, { type: EntityType; id: number; deleted: boolean }>();
  const mergedInto = new Map<string, number>();
  for (const change of changes) {
    if (change.action === 'CREATE' && change.model === 'Statement') {
      bus.publish('statementAdded', { id: change.entityId });
    }
    if (change.action === 'CREATE' && change.model === 'Meeting') {
      bus.publish('meetingAdded', { id: change.entityId });
    }
    if (change.model === 'Redirect' && change.action !== 'DELETE') {
      const { entityType, fromId, toId } = change.row as Record<string, unknown>;
      mergedInto.set(`${entityType}:${fromId}`, toId as number);
    }
    if (entityTypes.has(change.entityType)) {
      const key = `${change.entityType}:${change.entityId}`;
      const deleted = change.action === 'DELETE' && change.model === change.entityType;
      const seen = entities.get(key);
      const type = change.entityType as EntityType;
      entities.set(key, { type, id: change.entityId, deleted: deleted || !!seen?.deleted });
    }
  }
  for (const [key, entity] of entities) {
    bus.publish('entityChanged', { ...entity, mergedInto: mergedInto.get(key) ?? null });
  }
}
