// Validators built from the official schemas in ../shared/specs, so tests can
// hold cais's types and outputs against them. Tests only: cais never reads
// ../shared at run time.
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import yaml from 'js-yaml';

/** ../shared/specs, found from this file's compiled location (a dist folder, then test/support). */
export const specsDir = resolve(dirname(fileURLToPath(import.meta.url)), '../../../../shared/specs');

/** Drops draft-04 `id`s (their bases do not match the file names the `$ref`s use) and `$schema`. */
function stripIds(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(stripIds);
  if (node === null || typeof node !== 'object') return node;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) {
    if ((key === 'id' && typeof value === 'string') || key === '$schema') continue;
    out[key] = stripIds(value);
  }
  return out;
}

let oci: Ajv | undefined;

/** A validator for an OCI image-spec schema file, e.g. 'image-manifest-schema.json'. */
export function ociSchema(file: string): ValidateFunction {
  if (!oci) {
    oci = new Ajv({ strict: false, allErrors: true });
    addFormats.default(oci);
    const dir = join(specsDir, 'oci-image-spec');
    for (const name of readdirSync(dir).filter((f) => f.endsWith('.json'))) {
      const schema = stripIds(JSON.parse(readFileSync(join(dir, name), 'utf8'))) as Record<string, unknown>;
      oci.addSchema({ ...schema, $id: `file:///oci/${name}` });
    }
  }
  const validate = oci.getSchema(`file:///oci/${file}`);
  if (!validate) throw new Error(`no OCI schema ${file}`);
  return validate;
}

let docker: Ajv | undefined;

/** A validator for a definition of the Docker Engine API v1.50 swagger, e.g. 'ImageSummary'. */
export function dockerDefinition(name: string): ValidateFunction {
  if (!docker) {
    // swagger formats (int64, dateTime, ip-address...) describe Go types, not checks
    docker = new Ajv({ strict: false, allErrors: true, validateFormats: false });
    const swagger = yaml.load(readFileSync(join(specsDir, 'docker-engine-api/v1.50.yaml'), 'utf8')) as { definitions: Record<string, unknown> };
    const definitions = swaggerToJsonSchema(swagger.definitions) as Record<string, { properties: Record<string, { type: unknown }> }>;
    // Go nil slices the daemon sends as null though the swagger does not say x-nullable (moby does the same).
    for (const field of ['Links', 'Aliases', 'DNSNames']) definitions.EndpointSettings!.properties[field]!.type = ['array', 'null'];
    docker.addSchema({ $id: 'file:///docker/api.json', definitions });
  }
  const validate = docker.getSchema(`file:///docker/api.json#/definitions/${name}`);
  if (!validate) throw new Error(`no Docker API definition ${name}`);
  return validate;
}

/** Swagger 2.0 schemas are JSON Schema plus `x-nullable`; make nullable fields accept null. */
function swaggerToJsonSchema(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(swaggerToJsonSchema);
  if (node === null || typeof node !== 'object') return node;
  const input = node as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(input)) {
    if (key === 'example' || key === 'x-nullable') continue;
    out[key] = key === '$ref' ? String(value).replace('#/definitions/', 'file:///docker/api.json#/definitions/') : swaggerToJsonSchema(value);
  }
  if (input['x-nullable'] === true && typeof out.type === 'string') out.type = [out.type, 'null'];
  return out;
}

/** Adds every schema file of a specs sub-folder to `ajv`, each with the $id `file:///<prefix>/<file name>`. */
function addSchemaDir(ajv: Ajv, folder: string, prefix: string): void {
  const dir = join(specsDir, folder);
  for (const name of readdirSync(dir).filter((f) => f.endsWith('.json'))) {
    const schema = stripIds(JSON.parse(readFileSync(join(dir, name), 'utf8'))) as Record<string, unknown>;
    ajv.addSchema({ ...schema, $id: `file:///${prefix}/${name}` });
  }
}

let ociRuntime: Ajv | undefined;

/** A validator for an OCI runtime-spec schema file; by default config.json's ('config-schema.json'). */
export function runtimeSchema(file = 'config-schema.json'): ValidateFunction {
  if (!ociRuntime) {
    ociRuntime = new Ajv({ strict: false, allErrors: true });
    addFormats.default(ociRuntime);
    addSchemaDir(ociRuntime, 'oci-runtime-spec', 'oci-runtime');
  }
  const validate = ociRuntime.getSchema(`file:///oci-runtime/${file}`);
  if (!validate) throw new Error(`no OCI runtime schema ${file}`);
  return validate;
}
