// Standard normal CDF for BVC (seed 003 §5.7): about 1e-15 absolute error over the whole line and
// better than 1e-7 relative in the lower tail (to x = -8), since it never computes 1 − erf(x).

const SQRT_2PI = 2.5066282746310002;

/**
 * Φ(x) by Hart's double-precision rational approximation (1968), in the form published by
 * G. West, "Better approximations to cumulative normal functions" (2005).
 */
export function normalCdf(x: number): number {
  if (x !== x) return NaN;
  const z = Math.abs(x);
  let tail: number;
  if (z > 37) {
    tail = 0;
  } else {
    const e = Math.exp((-z * z) / 2);
    if (z < 7.07106781186547) {
      let num = 3.52624965998911e-2 * z + 0.700383064443688;
      num = num * z + 6.37396220353165;
      num = num * z + 33.912866078383;
      num = num * z + 112.079291497871;
      num = num * z + 221.213596169931;
      num = num * z + 220.206867912376;
      let den = 8.83883476483184e-2 * z + 1.75566716318264;
      den = den * z + 16.064177579207;
      den = den * z + 86.7807322029461;
      den = den * z + 296.564248779674;
      den = den * z + 637.333633378831;
      den = den * z + 793.826512519948;
      den = den * z + 440.413735824752;
      tail = (e * num) / den;
    } else {
      let d = z + 0.65;
      d = z + 4 / d;
      d = z + 3 / d;
      d = z + 2 / d;
      d = z + 1 / d;
      tail = e / d / SQRT_2PI;
    }
  }
  return x > 0 ? 1 - tail : tail;
}

/** NormalCDF(x, mean, std) as seed 003 writes it. */
export function normalCdfOf(x: number, mean: number, std: number): number {
  return normalCdf((x - mean) / std);
}
