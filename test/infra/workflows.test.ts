/** Every workflow definition is valid ASL, before and after its placeholders are filled with real ARNs. */
import { readdirSync, readFileSync } from 'node:fs';
import validator from 'asl-validator';
import { describe, expect, it } from 'vitest';
import { WORKFLOWS_DIR } from '../../infra/repo-paths.js';
import { aslSubstitutionNames } from '../../infra/stacks/workflow-stack.js';

const files = readdirSync(WORKFLOWS_DIR).filter((f) => f.endsWith('.asl.json')).sort();

function substituted(text: string): unknown {
  return JSON.parse(text.replace(/\$\{(\w+)FunctionArn\}/g, (_, name: string) => `arn:aws:lambda:ap-east-1:123456789012:function:Kedai-${name}`));
}

describe('workflow definitions', () => {
  it('finds at least the decision workflow', () => {
    expect(files).toContain('application-decision.asl.json');
  });

  it.each(files)('%s is valid ASL as written and with ARNs substituted', (file) => {
    const text = readFileSync(`${WORKFLOWS_DIR}/${file}`, 'utf8');
    for (const definition of [JSON.parse(text), substituted(text)]) {
      const { isValid, errors } = validator(definition);
      expect({ isValid, errors }).toEqual({ isValid: true, errors: [] });
    }
    expect(aslSubstitutionNames(text).every((n) => n.endsWith('FunctionArn'))).toBe(true);
  });

  it('catches a transition to a missing state', () => {
    const definition = JSON.parse(readFileSync(`${WORKFLOWS_DIR}/application-decision.asl.json`, 'utf8'));
    definition.States.Score.Next = 'Nowhere';
    const result = validator(definition);
    expect(result.isValid).toBe(false);
    expect(JSON.stringify(result.errors)).toContain('Nowhere');
  });
});
