#!/usr/bin/env node
// Turns Kubernetes' OpenAPI v2 document (swagger.json) into the strict JSON schemas kubeconform
// reads, one file per kind and version: <kind>[-<group>]-<version>.json, each standalone (the
// definitions it reaches copied in), objects closed to unknown fields (additionalProperties: false
// where the API lists the properties), int-or-string and quantities taking numbers as YAML writes them.
//   node scripts/helm/k8s-json-schemas.js <swagger.json> <output-dir>
'use strict';
const { mkdirSync, readFileSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');

const [swaggerFile, outDir] = process.argv.slice(2);
if (!swaggerFile || !outDir) {
  console.error('usage: k8s-json-schemas.js <swagger.json> <output-dir>');
  process.exit(64);
}
const definitions = JSON.parse(readFileSync(swaggerFile, 'utf8')).definitions;
const NUMBER_OR_STRING = {
  'io.k8s.apimachinery.pkg.util.intstr.IntOrString': { oneOf: [{ type: 'string' }, { type: 'integer' }] },
  'io.k8s.apimachinery.pkg.api.resource.Quantity': { oneOf: [{ type: 'string' }, { type: 'number' }] },
};

/** A definition as a strict JSON schema (its #/definitions/<name> references resolve inside the standalone file). */
function convert(node) {
  if (Array.isArray(node)) return node.map(convert);
  if (node === null || typeof node !== 'object') return node;
  if (node.format === 'int-or-string') return { oneOf: [{ type: 'string' }, { type: 'integer' }] };
  const out = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === '$ref') out.$ref = value;
    else if (key === 'x-kubernetes-group-version-kind' || key === 'description') continue;
    else if (key === 'properties') out.properties = Object.fromEntries(Object.entries(value).map(([k, v]) => [k, convert(v)]));
    else out[key] = convert(value);
  }
  if (out.properties && out.additionalProperties === undefined && !node['x-kubernetes-preserve-unknown-fields']) out.additionalProperties = false;
  return out;
}

function reachable(name, seen = new Set()) {
  if (seen.has(name)) return seen;
  seen.add(name);
  const walk = (node) => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      if (typeof node.$ref === 'string') reachable(node.$ref.replace('#/definitions/', ''), seen);
      Object.values(node).forEach(walk);
    }
  };
  walk(definitions[name]);
  return seen;
}

mkdirSync(outDir, { recursive: true });
let written = 0;
for (const [name, definition] of Object.entries(definitions)) {
  for (const gvk of definition['x-kubernetes-group-version-kind'] ?? []) {
    const kindSuffix = gvk.group ? `-${gvk.group.split('.')[0]}-${gvk.version}` : `-${gvk.version}`;
    const schema = { $ref: `#/definitions/${name}`, definitions: {} };
    for (const reached of [...reachable(name)].sort()) schema.definitions[reached] = NUMBER_OR_STRING[reached] ?? convert(definitions[reached]);
    // The object's own apiVersion and kind must be this one.
    const own = schema.definitions[name];
    own.properties = { ...own.properties, apiVersion: { enum: [gvk.group ? `${gvk.group}/${gvk.version}` : gvk.version] }, kind: { enum: [gvk.kind] } };
    writeFileSync(join(outDir, `${gvk.kind.toLowerCase()}${kindSuffix}.json`), JSON.stringify(schema));
    written++;
  }
}
console.error(`wrote ${written} schemas into ${outDir}`);
