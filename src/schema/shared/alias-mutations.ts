import { builder } from '../builder.js';
import { Entity, typed } from './entity.js';
import { ConflictError, NotFoundError } from './errors.js';
import { existing, named, nameField, parseInput, write } from './write.js';

const AliasInput = builder.inputType('AliasInput', {
  fields: (t) => ({
    entity: t.id({ required: true, description: 'A person, country or organization.' }),
    name: t.string({ required: true, description: 'Another name or spelling.' }),
  }),
});

const entityTypes = ['Person', 'Country', 'Organization'] as const;
const ownerField = { Person: 'personId', Country: 'countryId', Organization: 'organizationId' };

builder.mutationField('addAlias', (t) =>
  t.field({
    type: Entity,
    errors: { dataField: { name: 'entity' } },
    args: { input: t.arg({ type: AliasInput, required: true }) },
    resolve: (_root, { input }, context) =>
      write(context, 'addAlias', 'EDITOR', async (writer) => {
        const name = parseInput(nameField, input.name, ['input', 'name']);
        const entity = await existing(writer, input.entity, entityTypes, ['input', 'entity']);
        const alias = named(name);
        const row = entity.row;
        const owner = { [ownerField[entity.type]]: entity.id };
        const taken = await writer.tx.alias.count({
          where: { ...owner, normalizedName: alias.normalizedName },
        });
        if (taken > 0 || row.normalizedName === alias.normalizedName) {
          throw new ConflictError(`"${name}" is already a name of this ${entity.type}`);
        }
        await writer.create('Alias', { ...alias, ...owner }, entity);
        return typed(entity.row, entity.type);
      }),
  }),
);

builder.mutationField('removeAlias', (t) =>
  t.field({
    type: Entity,
    errors: { dataField: { name: 'entity' } },
    args: { input: t.arg({ type: AliasInput, required: true }) },
    resolve: (_root, { input }, context) =>
      write(context, 'removeAlias', 'EDITOR', async (writer) => {
        const name = parseInput(nameField, input.name, ['input', 'name']);
        const entity = await existing(writer, input.entity, entityTypes, ['input', 'entity']);
        const alias = await writer.tx.alias.findFirst({
          where: {
            [ownerField[entity.type]]: entity.id,
            normalizedName: named(name).normalizedName,
          },
        });
        if (!alias)
          throw new NotFoundError(
            ['input', 'name'],
            name,
            `input.name: "${name}" is not an alias of this ${entity.type}`,
          );
        await writer.delete('Alias', alias.id, { target: entity });
        return typed(entity.row, entity.type);
      }),
  }),
);
