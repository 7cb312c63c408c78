// Docker's per-registry certificates (/etc/docker/certs.d/<host:port>/, as
// moby's ReadCertsDirectory reads them): every *.crt is a CA added to the
// system's, every *.cert a client certificate whose key is the *.key of the
// same name.
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { rootCertificates } from 'node:tls';
import { InvalidArgument } from '../../common/index.js';

export interface RegistryCertificates {
  /** The system's CAs and the directory's; undefined when it has none (the defaults then). */
  ca?: Buffer[];
  cert: Buffer[];
  key: Buffer[];
}

export const defaultCertsDir = '/etc/docker/certs.d';

// Where Go's crypto/x509 finds the system's CAs on Linux (what dockerd adds certs.d's to).
const systemBundles = [
  '/etc/ssl/certs/ca-certificates.crt',
  '/etc/pki/tls/certs/ca-bundle.crt',
  '/etc/ssl/ca-bundle.pem',
  '/etc/pki/tls/cacert.pem',
  '/etc/pki/ca-trust/extracted/pem/tls-ca-bundle.pem',
  '/etc/ssl/cert.pem',
];

async function systemCas(): Promise<Buffer[]> {
  for (const path of systemBundles) {
    try {
      return [await readFile(path)];
    } catch {
      // the next place
    }
  }
  return rootCertificates.map((pem) => Buffer.from(pem));
}

/** The certificates of `<dir>/<domain>/`; undefined when there is no such directory. */
export async function readRegistryCertificates(dir: string, domain: string): Promise<RegistryCertificates | undefined> {
  const hostDir = join(dir, domain);
  let names: string[];
  try {
    names = (await readdir(hostDir)).sort();
  } catch {
    return undefined;
  }
  const read = (name: string): Promise<Buffer> => readFile(join(hostDir, name));
  const out: RegistryCertificates = { cert: [], key: [] };
  const cas = await Promise.all(names.filter((n) => n.endsWith('.crt')).map(read));
  if (cas.length > 0) out.ca = [...(await systemCas()), ...cas];
  for (const name of names.filter((n) => n.endsWith('.cert'))) {
    const keyName = `${name.slice(0, -'.cert'.length)}.key`;
    if (!names.includes(keyName)) throw new InvalidArgument(`missing key ${keyName} for client certificate ${name} in ${hostDir}. Note that CA certificates should use the extension .crt`);
    out.cert.push(await read(name));
    out.key.push(await read(keyName));
  }
  for (const name of names.filter((n) => n.endsWith('.key'))) {
    const certName = `${name.slice(0, -'.key'.length)}.cert`;
    if (!names.includes(certName)) throw new InvalidArgument(`missing client certificate ${certName} for key ${name} in ${hostDir}`);
  }
  return out;
}
