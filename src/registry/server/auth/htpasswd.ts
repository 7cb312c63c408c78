// Users from an Apache htpasswd file, bcrypt entries only ($2y$, $2a$,
// $2b$), as distribution's htpasswd authenticator reads it. bcrypt is slow
// by design and clients send basic credentials with every request, so
// pairs already verified are remembered (by a hash of user, password and
// entry, so a changed file or password never matches a stale one).
import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import bcrypt from 'bcryptjs';

const maxFileBytes = 1 << 20;
const maxRemembered = 1000;

export class Htpasswd {
  private readonly verified = new Set<string>();

  private constructor(private readonly entries: Map<string, string>) {}

  /** Reads and checks the file; throws with the file and line of a bad entry. */
  static async load(path: string): Promise<Htpasswd> {
    const { size } = await stat(path);
    if (size > maxFileBytes) throw new Error(`htpasswd file ${path}: larger than ${maxFileBytes} bytes`);
    const entries = new Map<string, string>();
    const lines = (await readFile(path, 'utf8')).split(/\r?\n/);
    lines.forEach((raw, n) => {
      const line = raw.trim();
      if (line === '' || line.startsWith('#')) return;
      const colon = line.indexOf(':');
      const user = line.slice(0, colon);
      const hash = line.slice(colon + 1);
      if (colon <= 0 || !/^\$2[aby]\$\d\d\$[./A-Za-z0-9]{53}$/.test(hash)) {
        throw new Error(`htpasswd file ${path}, line ${n + 1}: expected user:bcrypt-hash (only bcrypt entries, $2y$/$2a$/$2b$, are supported)`);
      }
      entries.set(user, hash);
    });
    if (entries.size === 0) throw new Error(`htpasswd file ${path}: no users`);
    return new Htpasswd(entries);
  }

  async verify(user: string, password: string): Promise<boolean> {
    const hash = this.entries.get(user);
    // An unknown user costs a bcrypt comparison too, so timing does not tell which users exist.
    const against = hash ?? (this.entries.values().next().value as string);
    const key = createHash('sha256').update(`${user}\0${password}\0${against}`).digest('hex');
    if (hash !== undefined && this.verified.has(key)) return true;
    const ok = (await bcrypt.compare(password, against)) && hash !== undefined;
    if (ok) {
      if (this.verified.size >= maxRemembered) this.verified.clear();
      this.verified.add(key);
    }
    return ok;
  }
}
