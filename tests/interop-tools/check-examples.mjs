// Checks every named example of an OpenAPI 3.1 document against the schema of its response, with ajv
// (JSON Schema 2020-12, the dialect OpenAPI 3.1 uses). Prints one JSON object per example and exits 1
// if any example does not match. Usage: node check-examples.mjs openapi.json
import { readFileSync } from "node:fs";
import Ajv2020 from "ajv/dist/2020.js";
import addFormats from "ajv-formats";

const document = JSON.parse(readFileSync(process.argv[2], "utf8"));
// x-* keywords are annotations here, not errors.
const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats(ajv);
ajv.addSchema({ $id: "https://openapi.invalid/document.json", components: document.components });

const results = [];
for (const [path, item] of Object.entries(document.paths ?? {})) {
  for (const [method, operation] of Object.entries(item)) {
    for (const [status, response] of Object.entries(operation.responses ?? {})) {
      for (const [type, content] of Object.entries(response.content ?? {})) {
        const schema = content.schema?.$ref
          ? ajv.getSchema("https://openapi.invalid/document.json" + content.schema.$ref)
          : ajv.compile(content.schema ?? {});
        for (const [name, example] of Object.entries(content.examples ?? {})) {
          const valid = schema(example.value);
          results.push({ operation: `${method.toUpperCase()} ${path}`, status, type, example: name, valid, errors: valid ? [] : schema.errors });
        }
      }
    }
  }
}

console.log(JSON.stringify(results, null, 2));
process.exit(results.length > 0 && results.every(r => r.valid) ? 0 : 1);
