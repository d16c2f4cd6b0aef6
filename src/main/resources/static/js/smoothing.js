// TensorBoard's scalar smoothing: an exponential moving average debiased as Adam's moments are, so the first
// points are not pulled towards 0. weight in [0, 1): 0 leaves the series as it is.

export function debiasedEma(values, weight) {
  const out = new Array(values.length);
  let last = 0;
  let count = 0;
  for (let i = 0; i < values.length; i++) {
    const y = values[i];
    if (y === null || !Number.isFinite(y)) {
      out[i] = y;
      continue;
    }
    last = last * weight + (1 - weight) * y;
    count += 1;
    const debias = weight === 1 ? 1 : 1 - weight ** count;
    out[i] = last / debias;
  }
  return out;
}
