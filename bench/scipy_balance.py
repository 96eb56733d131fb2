#!/usr/bin/python3
"""The reconciliation a metallurgist would script with numpy and scipy
(Debian's python3-scipy), for docs/performance.md:

  scipy_balance.py problem PROBLEM.json OUT.json
  scipy_balance.py batch BATCH.json OUT.json

The formulas of docs/formulas.md §5–§7 as written: unmeasured variables
projected out with a QR factorisation of A_u (scipy.linalg.qr), V = B Σ Bᵀ
factored by Cholesky, x̂ = y − Σ Bᵀ V⁻¹ r, W = Σ Bᵀ V⁻¹ B Σ for the
measurement tests, unmeasured values by least squares; with assays,
successive linearisation of the bilinear balances until they close to 1e-9
relative. Prints the time of the balancing alone (files read beforehand) and
writes the reconciled flows, J and the suspects for comparison with orebook.
"""
import json
import os
import sys
import time

import numpy as np
import scipy.linalg as la
from scipy.stats import chi2, norm


def solve_linear(a, d, y, sd, unmeasured):
    """One weighted least squares solve of A x = d; returns values, z, J."""
    mx, mu = np.flatnonzero(~unmeasured), np.flatnonzero(unmeasured)
    ax, au = a[:, mx], a[:, mu]
    ym, var = y[mx], sd[mx] ** 2
    if len(mu):
        q, r, _ = la.qr(au, pivoting=True)
        diag = np.abs(np.diag(r)) if r.size else np.array([])
        rank = int(np.sum(diag > 1e-9 * (diag.max() if diag.size else 1)))
        p = q[:, rank:].T
    else:
        p = np.eye(a.shape[0])
    b = p @ ax
    res = b @ ym - p @ d
    v = (b * var) @ b.T
    c = la.cho_factor(v)
    lam = la.cho_solve(c, res)
    x = ym - var * (b.T @ lam)
    vinv_b = la.cho_solve(c, b)
    w = var ** 2 * np.einsum("ij,ij->j", b, vinv_b)
    z = np.full(len(mx), np.nan)
    ok = w > 1e-9 * var
    z[ok] = (ym[ok] - x[ok]) / np.sqrt(w[ok])
    out = np.zeros(a.shape[1])
    out[mx] = x
    determined = np.ones(a.shape[1], dtype=bool)
    if len(mu):
        out[mu] = np.linalg.lstsq(au, d - ax @ x, rcond=None)[0]
        null = la.null_space(au)
        if null.size:
            determined[mu[np.abs(null).max(axis=1) > 1e-9]] = False
    return out, mx, z, float(res @ lam), b.shape[0], determined


def bilinear(inc, flow, flow_sd, assay, assay_sd):
    """Successive linearisation over flows and assays together."""
    nodes, n = inc.shape
    k = len(assay)
    y = np.concatenate([flow] + assay)
    sd = np.concatenate([flow_sd] + assay_sd)
    unmeasured = np.isnan(y)
    x = np.where(unmeasured, 0.0, y)
    # Start as orebook does: unmeasured flows from the flows-only balance
    # (the mean measured flow where that leaves them undetermined).
    fu = np.isnan(flow)
    lin, _, _, _, _, det = solve_linear(inc, np.zeros(nodes), np.where(fu, 0.0, flow),
                                        np.where(fu, 1.0, flow_sd), fu)
    x[:n][fu] = np.where(det[fu], lin[fu], np.nanmean(flow))
    for c in range(k):
        seg = slice(n + c * n, n + (c + 1) * n)
        x[seg][unmeasured[seg]] = np.nanmean(assay[c])
    sd = np.where(unmeasured, 1.0, sd)
    held = np.zeros(len(x), dtype=bool)  # held at zero once they would go negative
    for _ in range(100):
        f, g = x[:n], x[n:].reshape(k, n)
        jac = np.zeros((nodes * (1 + k), n * (1 + k)))
        cval = np.zeros(nodes * (1 + k))
        jac[:nodes, :n] = inc
        cval[:nodes] = inc @ f
        for c in range(k):
            rows = slice(nodes + c * nodes, nodes + (c + 1) * nodes)
            jac[rows, :n] = inc * g[c]
            jac[rows, n + c * n:n + (c + 1) * n] = inc * f
            cval[rows] = inc @ (f * g[c])
        d = jac @ x - cval
        jac[:, held] = 0.0
        new, mx, z, j, dof, determined = solve_linear(jac, d, np.where(unmeasured, 0.0, y), sd,
                                                      unmeasured)
        new[held] = 0.0
        held |= (new < 0.0) & determined  # an unobservable value is arbitrary: no bound
        new = np.where(held, 0.0, new)
        moved = np.abs(new - x).max()
        x = new
        f, g = x[:n], x[n:].reshape(k, n)
        scale = max(np.abs(f).max(), np.abs(f * g).max())
        resid = max(np.abs(inc @ f).max(), max(np.abs(inc @ (f * g[c])).max() for c in range(k)))
        if os.environ.get("SCIPY_BALANCE_VERBOSE"):
            print(f"iteration: residual {resid / scale:.1e}, moved {moved:.1e}, held {held.sum()}", file=sys.stderr)
        if resid <= 1e-9 * scale and moved <= 1e-9 * max(1.0, np.abs(x).max()):
            break
    jstat = float(np.sum(((y[mx] - x[mx]) / sd[mx]) ** 2))
    return x, mx, z, jstat, dof


def incidence(nodes, edges):
    a = np.zeros((nodes, len(edges)))
    for j, (f, t) in enumerate(edges):
        if t >= 0:
            a[t, j] += 1
        if f >= 0:
            a[f, j] -= 1
    return a


def arr(values):
    return np.array([np.nan if v is None else v for v in values], dtype=float)


def balance(inc, flow, flow_sd, assay, assay_sd, alpha=0.05):
    if assay:
        x, mx, z, j, dof = bilinear(inc, flow, flow_sd, assay, assay_sd)
    else:
        unmeasured = np.isnan(flow)
        x, mx, z, j, dof, _ = solve_linear(inc, np.zeros(inc.shape[0]),
                                           np.where(unmeasured, 0.0, flow),
                                           np.where(unmeasured, 1.0, flow_sd), unmeasured)
    tests = int(np.sum(~np.isnan(z)))
    beta = 1 - (1 - alpha) ** (1 / max(tests, 1))
    crit = norm.ppf(1 - beta / 2)
    suspects = [int(mx[i]) for i in np.flatnonzero(np.abs(np.nan_to_num(z)) > crit)]
    return x, j, dof, float(chi2.ppf(1 - alpha, dof)), suspects


def main():
    kind, path, out = sys.argv[1], sys.argv[2], sys.argv[3]
    with open(path) as f:
        data = json.load(f)
    inc = incidence(data["nodes"], data["edges"])
    n = len(data["edges"])
    if kind == "problem":
        flow, flow_sd = arr(data["flow"]), arr(data["flow_sd"])
        assay = [arr(a) for a in data["assay"]]
        assay_sd = [arr(a) for a in data["assay_sd"]]
        t0 = time.perf_counter()
        x, j, dof, crit, suspects = balance(inc, flow, flow_sd, assay, assay_sd)
        elapsed = time.perf_counter() - t0
        result = {"seconds": elapsed, "J": j, "dof": dof, "critical": crit,
                  "flow": {f"S{i}": float(x[i]) for i in range(n)},
                  "suspects": [f"S{i}" if i < n else f"S{i % n}" for i in suspects]}
    else:
        periods = []
        t0 = time.perf_counter()
        for p in data["periods"]:
            x, j, dof, crit, suspects = balance(inc, arr(p["flow"]), arr(p["flow_sd"]),
                                                [arr(a) for a in p["assay"]],
                                                [arr(a) for a in p["assay_sd"]])
            periods.append({"J": j, "dof": dof})
        elapsed = time.perf_counter() - t0
        result = {"seconds": elapsed, "periods": periods}
    print(f"scipy: {elapsed:.3f} s")
    with open(out, "w") as f:
        json.dump(result, f)


if __name__ == "__main__":
    main()
