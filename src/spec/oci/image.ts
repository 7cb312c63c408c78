// OCI image-spec documents (config, manifest, index, layout) as types and
// validators. Everything read from outside goes through these parsers; the
// tests hold them against the official JSON schemas in ../shared/specs.
import { z } from 'zod';
import { InvalidArgument, isDigest, type Digest } from '../../common/index.js';

const digest = z.string().refine(isDigest, 'invalid digest').transform((d) => d as Digest);
const int64 = z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER);
const annotations = z.record(z.string(), z.string());

export const platformSchema = z.object({
  architecture: z.string(),
  os: z.string(),
  'os.version': z.string().optional(),
  'os.features': z.array(z.string()).optional(),
  variant: z.string().optional(),
});
export type Platform = z.infer<typeof platformSchema>;

export const descriptorSchema = z.object({
  mediaType: z.string().min(1),
  digest,
  size: int64,
  urls: z.array(z.string()).optional(),
  annotations: annotations.optional(),
  data: z.string().optional(),
  artifactType: z.string().optional(),
  platform: platformSchema.optional(),
});
export type Descriptor = z.infer<typeof descriptorSchema>;

const stringSet = z.record(z.string(), z.object({}).passthrough());

export const healthcheckSchema = z.object({
  Test: z.array(z.string()).optional(),
  Interval: z.number().optional(),
  Timeout: z.number().optional(),
  StartPeriod: z.number().optional(),
  StartInterval: z.number().optional(),
  Retries: z.number().optional(),
});

/** The runtime settings of an image (OCI `config`, Docker's `ContainerConfig`-like subset). */
export const containerConfigSchema = z
  .object({
    User: z.string().optional(),
    ExposedPorts: stringSet.nullish(),
    Env: z.array(z.string()).nullish(),
    Entrypoint: z.array(z.string()).nullish(),
    Cmd: z.array(z.string()).nullish(),
    Volumes: stringSet.nullish(),
    WorkingDir: z.string().optional(),
    Labels: z.record(z.string(), z.string()).nullish(),
    StopSignal: z.string().optional(),
    ArgsEscaped: z.boolean().optional(),
    Healthcheck: healthcheckSchema.optional(),
    OnBuild: z.array(z.string()).nullish(),
    Shell: z.array(z.string()).nullish(),
  })
  .passthrough();
export type ContainerConfig = z.infer<typeof containerConfigSchema>;

export const historySchema = z.object({
  created: z.string().optional(),
  created_by: z.string().optional(),
  author: z.string().optional(),
  comment: z.string().optional(),
  empty_layer: z.boolean().optional(),
});
export type History = z.infer<typeof historySchema>;

export const imageConfigSchema = z
  .object({
    created: z.string().optional(),
    author: z.string().optional(),
    architecture: z.string(),
    os: z.string(),
    'os.version': z.string().optional(),
    'os.features': z.array(z.string()).optional(),
    variant: z.string().optional(),
    config: containerConfigSchema.optional(),
    rootfs: z.object({ type: z.literal('layers'), diff_ids: z.array(digest) }),
    history: z.array(historySchema).optional(),
  })
  .passthrough();
export type ImageConfig = z.infer<typeof imageConfigSchema>;

export const manifestSchema = z.object({
  schemaVersion: z.literal(2),
  mediaType: z.string().optional(),
  artifactType: z.string().optional(),
  config: descriptorSchema,
  // The schema wants a base layer; artifacts carry the empty descriptor instead.
  layers: z.array(descriptorSchema).min(1),
  subject: descriptorSchema.optional(),
  annotations: annotations.optional(),
});
export type Manifest = z.infer<typeof manifestSchema>;

export const indexSchema = z.object({
  schemaVersion: z.literal(2),
  mediaType: z.string().optional(),
  artifactType: z.string().optional(),
  manifests: z.array(descriptorSchema),
  subject: descriptorSchema.optional(),
  annotations: annotations.optional(),
});
export type Index = z.infer<typeof indexSchema>;

export const layoutSchema = z.object({ imageLayoutVersion: z.string() });

/** Parses JSON bytes from outside against a schema; any failure is InvalidArgument naming `what`. */
export function parseDocument<T>(schema: z.ZodType<T, z.ZodTypeDef, unknown>, bytes: Buffer | string, what: string): T {
  let json: unknown;
  try {
    json = JSON.parse(bytes.toString());
  } catch (err) {
    throw new InvalidArgument(`${what}: invalid JSON: ${(err as Error).message}`);
  }
  const result = schema.safeParse(json);
  if (!result.success) {
    const issue = result.error.issues[0];
    const where = issue && issue.path.length > 0 ? ` at ${issue.path.join('.')}` : '';
    throw new InvalidArgument(`${what}: invalid document${where}: ${issue?.message ?? 'unknown error'}`);
  }
  return result.data;
}
