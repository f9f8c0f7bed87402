// Vitest global setup: the server under test is the production bundle (`node dist/main.js`, the
// documented command), built once per run from the current sources.
import { buildDist } from '../../scripts/build.js';

export default async function setup(): Promise<void> {
  await buildDist();
}
