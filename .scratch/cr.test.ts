import { it } from 'vitest';
import { synthKedai } from '../test/infra/synth-kedai.js';
it('x', () => {
  const k = synthKedai({ webAssetsPath: null });
  const r = k.resourcesOfType('Custom::KedaiConfigSeed')[0];
  console.log(JSON.stringify(r.resource).slice(0, 1500));
  const s = k.resourcesOfType('AWS::Scheduler::Schedule').map(x => JSON.stringify(x.resource.Properties.Target).slice(0, 400));
  console.log(s.join('\n'));
}, 120000);
