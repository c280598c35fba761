// Checks every named example of OpenAPI 3.1 documents against the schema of its response, with ajv
// (JSON Schema 2020-12, the dialect OpenAPI 3.1 uses). Prints {"<file>": [one result per example]}
// and exits 1 if any example of any file does not match. Usage: node check-examples.mjs a.json [b.json ...]
import { readFileSync } from "node:fs";
import Ajv2020 from "ajv/dist/2020.js";
import addFormats from "ajv-formats";

function check(file) {
  const document = JSON.parse(readFileSync(file, "utf8"));
  // x-* keywords are annotations here, not errors. The id only names the document; nothing is fetched.
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(ajv);
  const id = "https://openapi.invalid/document.json";
  ajv.addSchema({ $id: id, components: document.components });
  const results = [];
  for (const [path, item] of Object.entries(document.paths ?? {})) {
    for (const [method, operation] of Object.entries(item)) {
      for (const [status, response] of Object.entries(operation.responses ?? {})) {
        for (const [type, content] of Object.entries(response.content ?? {})) {
          const schema = content.schema?.$ref ? ajv.getSchema(id + content.schema.$ref) : ajv.compile(content.schema ?? {});
          for (const [name, example] of Object.entries(content.examples ?? {})) {
            const valid = schema(example.value);
            results.push({ operation: `${method.toUpperCase()} ${path}`, status, type, example: name, valid, errors: valid ? [] : schema.errors });
          }
        }
      }
    }
  }

  return results;
}

const files = process.argv.slice(2);
const all = Object.fromEntries(files.map(file => [file, check(file)]));
console.log(JSON.stringify(all, null, 2));
process.exit(files.length > 0 && Object.values(all).every(r => r.length > 0 && r.every(e => e.valid)) ? 0 : 1);
