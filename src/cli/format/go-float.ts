// Go's float formatting (strconv.FormatFloat with 'e', 'f' and 'g'), which
// docker's size columns print through fmt ("%.3g" gives "4.26MB" and
// "1e+03kB"). Digits are rounded from the exact binary value, half to even,
// as Go does; JavaScript's toPrecision rounds ties up and prints exponents
// differently.

/** The decimal digits of a finite non-negative number: value = 0.digits × 10^point. */
interface Decimal {
  digits: string;
  point: number;
}

const view = new DataView(new ArrayBuffer(8));

/** The exact decimal expansion of |x| (a double is m × 2^e, so it always has one). */
function exactDecimal(x: number): Decimal {
  if (x === 0) return { digits: '', point: 0 };
  view.setFloat64(0, Math.abs(x));
  const hi = view.getUint32(0);
  const lo = view.getUint32(4);
  const biased = (hi >>> 20) & 0x7ff;
  let mantissa = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
  let exp: number;
  if (biased === 0) {
    exp = -1074;
  } else {
    mantissa |= 1n << 52n;
    exp = biased - 1075;
  }
  let text: string;
  let fraction = 0;
  if (exp >= 0) {
    text = (mantissa << BigInt(exp)).toString();
  } else {
    text = (mantissa * 5n ** BigInt(-exp)).toString();
    fraction = -exp;
  }
  return trim({ digits: text, point: text.length - fraction });
}

/** The shortest digits that read back as x (what Go uses for precision -1). */
function shortestDecimal(x: number): Decimal {
  if (x === 0) return { digits: '', point: 0 };
  const [mant, e] = Math.abs(x).toExponential().split('e') as [string, string];
  const digits = mant.replace('.', '');
  return trim({ digits, point: Number(e) + 1 });
}

function trim(d: Decimal): Decimal {
  let digits = d.digits.replace(/0+$/, '');
  let point = d.point;
  const lead = digits.length - digits.replace(/^0+/, '').length;
  digits = digits.slice(lead);
  point -= lead;
  return digits === '' ? { digits: '', point: 0 } : { digits, point };
}

/**
 * |x| rounded to nd significant digits, half to even. JavaScript's
 * toExponential rounds the exact value too, but ties up; a tie needs the
 * next digit to be 5, so only then is the exact expansion worked out.
 */
function roundedDecimal(x: number, nd: number): Decimal {
  if (x === 0) return { digits: '', point: 0 };
  const abs = Math.abs(x);
  if (nd <= 100 && !/5e/.test(abs.toExponential(nd))) {
    const [mant, e] = abs.toExponential(Math.max(nd - 1, 0)).split('e') as [string, string];
    return trim({ digits: mant.replace('.', ''), point: Number(e) + 1 });
  }
  return roundTo(exactDecimal(x), nd);
}

/** Rounds to nd significant digits, half to even (Go's decimal.Round). */
function roundTo(d: Decimal, nd: number): Decimal {
  if (nd < 0 || nd >= d.digits.length) return d;
  const next = d.digits.charCodeAt(nd) - 48;
  let up: boolean;
  if (next !== 5 || nd + 1 < d.digits.length) up = next >= 5;
  else up = nd > 0 && (d.digits.charCodeAt(nd - 1) - 48) % 2 === 1;
  if (!up) return trim({ digits: d.digits.slice(0, nd), point: d.point });
  const kept = d.digits.slice(0, nd).split('').map(Number);
  let i = kept.length - 1;
  while (i >= 0 && kept[i] === 9) {
    kept[i] = 0;
    i--;
  }
  if (i < 0) return { digits: '1', point: d.point + 1 };
  kept[i] = (kept[i] as number) + 1;
  return trim({ digits: kept.join(''), point: d.point });
}

function digitAt(d: Decimal, i: number): string {
  return i >= 0 && i < d.digits.length ? (d.digits[i] as string) : '0';
}

function fmtE(neg: boolean, d: Decimal, prec: number, upper: boolean): string {
  let out = neg ? '-' : '';
  out += digitAt(d, 0);
  if (prec > 0) {
    out += '.';
    for (let i = 1; i <= prec; i++) out += digitAt(d, i);
  }
  const exp = d.digits === '' ? 0 : d.point - 1;
  const abs = Math.abs(exp);
  return `${out}${upper ? 'E' : 'e'}${exp < 0 ? '-' : '+'}${abs < 10 ? '0' : ''}${abs}`;
}

function fmtF(neg: boolean, d: Decimal, prec: number): string {
  let out = neg ? '-' : '';
  if (d.point > 0) {
    for (let i = 0; i < d.point; i++) out += digitAt(d, i);
  } else {
    out += '0';
  }
  if (prec > 0) {
    out += '.';
    for (let i = 1; i <= prec; i++) out += digitAt(d, d.point + i - 1);
  }
  return out;
}

/**
 * strconv.FormatFloat(x, fmt, prec, 64) for fmt in e, E, f, g, G.
 * prec -1 means the shortest representation that reads back exactly.
 */
export function formatFloat(x: number, fmt: 'e' | 'E' | 'f' | 'g' | 'G', prec: number): string {
  if (Number.isNaN(x)) return 'NaN';
  if (!Number.isFinite(x)) return x > 0 ? '+Inf' : '-Inf';
  const neg = x < 0 || Object.is(x, -0);
  const shortest = prec < 0;
  let d: Decimal;
  if (shortest) {
    d = shortestDecimal(x);
  } else {
    if (fmt === 'f') {
      const exact = exactDecimal(x);
      d = roundTo(exact, exact.point + prec);
    } else {
      d = roundedDecimal(x, fmt === 'e' || fmt === 'E' ? prec + 1 : prec === 0 ? 1 : prec);
    }
  }
  switch (fmt) {
    case 'e':
    case 'E':
      return fmtE(neg, d, shortest ? Math.max(d.digits.length - 1, 0) : prec, fmt === 'E');
    case 'f':
      return fmtF(neg, d, shortest ? Math.max(d.digits.length - d.point, 0) : prec);
    default: {
      let p = shortest ? d.digits.length : prec === 0 ? 1 : prec;
      let eprec = p;
      if (eprec > d.digits.length && d.digits.length >= d.point) eprec = d.digits.length;
      if (shortest) eprec = 6;
      const exp = d.point - 1;
      if (exp < -4 || exp >= eprec) {
        if (p > d.digits.length) p = d.digits.length;
        return fmtE(neg, d, Math.max(p - 1, 0), fmt === 'G');
      }
      if (p > d.point) p = d.digits.length;
      return fmtF(neg, d, Math.max(p - d.point, 0));
    }
  }
}
