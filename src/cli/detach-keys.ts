// Detaching from a container with a key sequence (ctrl-p,ctrl-q unless
// --detach-keys or the config says otherwise), as docker's CLI does it on
// its side of the connection: term.ToBytes parses the sequence, and an
// escape proxy holds back input that could be its start, drops the whole
// sequence when it completes and lets anything else through.

export const defaultDetachKeys = 'ctrl-p,ctrl-q';

/** term.ToBytes: "a", or "ctrl-" with a-z, @, [, \, ], ^ or _, separated by commas. */
export function parseDetachKeys(keys: string): Buffer {
  const out: number[] = [];
  for (const key of keys.split(',').map((k) => k.trim().toLowerCase())) {
    if (key.length === 1) {
      out.push(key.charCodeAt(0));
      continue;
    }
    const m = /^ctrl-([a-z@[\\\]^_])$/.exec(key);
    if (m === null) throw new Error(`invalid detach keys (${keys}) provided`);
    const ch = (m[1] as string).charCodeAt(0);
    out.push(ch >= 97 ? ch - 96 : ch - 64);
  }
  return Buffer.from(out);
}

/** Feeds input through; returns the bytes to send, and whether the sequence completed (detach). */
export function escapeProxy(keys: Buffer): (chunk: Buffer) => { send: Buffer; detach: boolean } {
  let matched = 0;
  return (chunk) => {
    const send: number[] = [];
    for (const byte of chunk) {
      if (byte === keys[matched]) {
        matched++;
        if (matched === keys.length) return { send: Buffer.from(send), detach: true };
        continue;
      }
      // Not the sequence after all: what was held back goes too.
      send.push(...keys.subarray(0, matched));
      matched = byte === keys[0] ? 1 : 0;
      if (matched === 0) send.push(byte);
    }
    return { send: Buffer.from(send), detach: false };
  };
}
