// Reads a YAML settings file and checks it against a schema; a bad value is reported with the
// file, line and key (`config.yaml:7: va_fraction: Too big: expected number to be <=1`).

import { readFileSync } from 'node:fs';
import { isNode, LineCounter, parseDocument } from 'yaml';
import type { z } from 'zod';

export class ConfigError extends Error {}

export function loadYamlConfig<S extends z.ZodType>(file: string, schema: S): z.output<S> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new ConfigError(`${file}: cannot read: ${error instanceof Error ? error.message : String(error)}`);
  }
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false });
  const yamlError = doc.errors[0];
  if (yamlError) {
    const line = lineCounter.linePos(yamlError.pos[0]).line;
    throw new ConfigError(`${file}:${line}: not valid YAML: ${yamlError.message.split('\n')[0]}`);
  }
  const parsed = schema.safeParse(doc.toJS() ?? {});
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const path = (issue?.path ?? []).map(String);
  const node = path.length > 0 ? doc.getIn(path, true) : doc.contents;
  const offset = isNode(node) && node.range ? node.range[0] : 0;
  const line = lineCounter.linePos(offset).line;
  throw new ConfigError(`${file}:${line}: ${path.join('.') || '(document)'}: ${issue?.message ?? 'invalid'}`);
}
