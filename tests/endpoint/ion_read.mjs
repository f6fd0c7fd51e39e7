// Reads an Ion text file of DynamoDB export lines ($ion_1_0 {Item:{...}}) with Amazon's reference
// implementation (npm ion-js) and prints the items as JSON, each value tagged with what Ion saw:
// {"decimal": "3"}, {"blob": base64}, {"annotations": [...], "list": [...]}, strings as they are.
// Usage: node ion_read.mjs FILE
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const ion = require('ion-js');

function plain(v) {
  const type = v.getType();
  const annotations = v.getAnnotations();
  let out;
  if (type === ion.IonTypes.STRING) out = v.stringValue();
  else if (type === ion.IonTypes.DECIMAL) out = { decimal: v.decimalValue().toString() };
  else if (type === ion.IonTypes.INT) out = { int: v.bigIntValue().toString() };
  else if (type === ion.IonTypes.BLOB) out = { blob: Buffer.from(v.uInt8ArrayValue()).toString('base64') };
  else if (type === ion.IonTypes.BOOL) out = { bool: v.booleanValue() };
  else if (type === ion.IonTypes.NULL || v.isNull()) out = { null: true };
  else if (type === ion.IonTypes.LIST) out = { list: [...v].map(plain) };
  else if (type === ion.IonTypes.STRUCT) out = Object.fromEntries(v.fields().map(([k, x]) => [k, plain(x)]));
  else throw new Error(`unexpected Ion type ${type.name}`);
  if (annotations.length) {
    if (type !== ion.IonTypes.LIST) throw new Error('annotation on a non-list');
    return { annotations, list: out.list.map((m) => (typeof m === 'string' ? m : m.decimal ?? m.blob)) };
  }
  return out;
}

const values = ion.loadAll(readFileSync(process.argv[2], 'utf8'));
const rows = values.map((top) => {
  const item = top.get('Item');
  if (!item) throw new Error('a top-level value without Item');
  return Object.fromEntries(item.fields().map(([k, v]) => [k, plain(v)]));
});
process.stdout.write(JSON.stringify(rows));
