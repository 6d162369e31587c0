#!/usr/bin/env python3
"""The morning burst: how many password hashes a core computes, and how
many sign-ins a running server serves.

    python3 bench/login_burst.py -d oa [--seconds 5] [--processes 0]
    python3 bench/login_burst.py -d oa --url http://127.0.0.1:8069 \\
        --password 'Oa#Check2026' --logins a,b,c [--rounds 3] [--concurrency 0]

1. Password verifications per second with Odoo's own crypt context
   (``res.users._crypt_context()`` of the database: PBKDF2-SHA512 with its
   ``password.hashing.rounds``, Odoo's default 600,000), in one process,
   then in N processes at once (N = the cores, ``--processes``).  Baseline
   measured in the same run: the API keys' context
   (``res.users.apikeys``, PBKDF2-SHA512 at 6,000 rounds), what an
   integration pays per ``execute_kw`` with a key.  Nothing is written: the
   database is only read (the context and its rounds).
2. With ``--url``: full sign-ins over HTTP (``/web/session/authenticate``,
   as the mobile app signs in: the lockout check, the password, the audit
   row, the session) of the given logins, ``--rounds`` each, from
   ``--concurrency`` threads (default: twice the server's cores as seen
   here); baseline: the same number of plain requests (``GET /web/login``)
   at the same concurrency.  Each sign-in writes a row to the audit trail
   and a session file: run it against a test server, never production.

Then the morning burst (5,000 sign-ins in 15 minutes by default,
``--burst``, ``--minutes``): the cores the hashes alone need.
"""

import argparse
import json
import math
import multiprocessing
import os
import statistics
import threading
import time

from _odoo import odoo_env, out

SECRET = "Bench#Burst-2026"


def parse():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-d", "--db", required=True, help="database of the suite")
    parser.add_argument("--seconds", type=float, default=5.0, help="per measure")
    parser.add_argument(
        "--processes", type=int, default=0, help="0: the cores of this machine"
    )
    parser.add_argument("--url", help="a running server, e.g. http://127.0.0.1:8069")
    parser.add_argument("--password", help="the password of every --logins")
    parser.add_argument("--logins", default="", help="comma-separated logins")
    parser.add_argument("--rounds", type=int, default=3, help="sign-ins per login")
    parser.add_argument("--concurrency", type=int, default=0)
    parser.add_argument("--burst", type=int, default=5000, help="sign-ins")
    parser.add_argument("--minutes", type=float, default=15.0)
    return parser.parse_args()


# ---- 1. hashes per core ----


def contexts(db):
    """Odoo's crypt contexts (passlib's configuration strings) and a hash of
    SECRET in each: what a sign-in and an API key check verify."""
    from odoo.addons.base.models.res_users import KEY_CRYPT_CONTEXT

    with odoo_env(db) as env:
        ctx = env["res.users"]._crypt_context()
        return {
            "password": (ctx.__obj__.to_string(), ctx.hash(SECRET)),
            "api key": (KEY_CRYPT_CONTEXT.__obj__.to_string(), None),
        }


def _verify_for(config, hashed, seconds, start=None):
    """Verifications of SECRET against ``hashed`` for ``seconds``; returns
    (count, elapsed)."""
    from passlib.context import CryptContext

    ctx = CryptContext.from_string(config)
    hashed = hashed or ctx.hash(SECRET)
    if start is not None:
        start.wait()
    count, began = 0, time.perf_counter()
    while True:
        assert ctx.verify(SECRET, hashed)
        count += 1
        elapsed = time.perf_counter() - began
        if elapsed >= seconds:
            return count, elapsed


def _child(args):
    config, hashed, seconds = args
    return _verify_for(config, hashed, seconds)


def verify_rate(config, hashed, seconds, processes=1):
    """Verifications per second, in ``processes`` processes at once."""
    if processes == 1:
        count, elapsed = _verify_for(config, hashed, seconds)
        return count / elapsed
    with multiprocessing.get_context("fork").Pool(processes) as pool:
        results = pool.map(_child, [(config, hashed, seconds)] * processes)
    return sum(count / elapsed for count, elapsed in results)


def bench_hashes(args, cores):
    ctxs = contexts(args.db)
    config, hashed = ctxs["password"]
    rounds = hashed.split("$")[2]
    out(f"== 1. password verifications, Odoo's crypt context ({cores} cores)")
    out(f"scheme pbkdf2_sha512, {rounds} rounds (res.users._crypt_context())")
    base_config, _none = ctxs["api key"]
    base = verify_rate(base_config, None, args.seconds)
    out(f"baseline: API key verify (6,000 rounds), 1 process   {base:9.1f} /s")
    one = verify_rate(config, hashed, args.seconds)
    out(
        f"password verify, 1 process                          {one:9.2f} /s"
        f"   {1000 / one:6.0f} ms each   ratio {base / one:6.0f}x slower"
    )
    many = verify_rate(config, hashed, args.seconds, cores)
    out(
        f"password verify, {cores} processes at once              {many:9.2f} /s"
        f"   {many / cores:6.2f} /s per core   scaling {many / one:4.2f}x"
    )
    if many / one < 0.9 * cores:
        out(
            f"  scaling below {0.9 * cores:.1f}x: other work shared the cores; "
            "the burst below counts one process's rate per core"
        )
    # a hash is one core's work (PBKDF2 does not run in parallel)
    return max(one, many / cores)


# ---- 2. sign-ins over HTTP ----


def _timed(session_factory, jobs, concurrency):
    """Run ``jobs`` (callables taking a requests session) on ``concurrency``
    threads; returns (wall seconds, latencies, errors)."""
    lock = threading.Lock()
    queue = list(jobs)
    latencies, errors = [], []

    def worker():
        session = session_factory()
        while True:
            with lock:
                if not queue:
                    return
                job = queue.pop()
            began = time.perf_counter()
            try:
                job(session)
            except Exception as error:  # noqa: BLE001 - counted, reported
                with lock:
                    errors.append(repr(error)[:120])
                continue
            with lock:
                latencies.append(time.perf_counter() - began)

    threads = [threading.Thread(target=worker) for _i in range(concurrency)]
    began = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return time.perf_counter() - began, latencies, errors


def _pct(values, q):
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def bench_http(args, cores):
    import requests

    logins = [login for login in args.logins.split(",") if login]
    if not (logins and args.password):
        raise SystemExit("--url needs --password and --logins")
    url = args.url.rstrip("/")
    concurrency = args.concurrency or 2 * cores
    total = len(logins) * args.rounds

    def get_login(session):
        res = session.get(f"{url}/web/login", timeout=120)
        res.raise_for_status()

    def sign_in(login):
        def job(session):
            session.cookies.clear()
            res = session.post(
                f"{url}/web/session/authenticate",
                data=json.dumps(
                    {
                        "jsonrpc": "2.0",
                        "method": "call",
                        "params": {
                            "db": args.db,
                            "login": login,
                            "password": args.password,
                        },
                    }
                ),
                headers={"Content-Type": "application/json"},
                timeout=120,
            ).json()
            if "error" in res or not res["result"].get("uid"):
                raise RuntimeError(res.get("error", {}).get("message", res))

        return job

    out(
        f"== 2. over HTTP: {url}, {len(logins)} logins x {args.rounds}, "
        f"{concurrency} threads"
    )
    sign_in(logins[0])(requests.Session())  # warm the server's caches
    base_wall, base_lat, base_err = _timed(
        requests.Session, [get_login] * total, concurrency
    )
    wall, lat, errors = _timed(
        requests.Session,
        [sign_in(login) for login in logins for _i in range(args.rounds)],
        concurrency,
    )
    base_rate = len(base_lat) / base_wall
    rate = len(lat) / wall
    out(
        f"baseline: GET /web/login         {base_rate:8.2f} /s  "
        f"p50 {_pct(base_lat, 0.5) * 1000:7.0f} ms  "
        f"p95 {_pct(base_lat, 0.95) * 1000:7.0f} ms  errors {len(base_err)}"
    )
    out(
        f"sign-in (session/authenticate)   {rate:8.2f} /s  "
        f"p50 {_pct(lat, 0.5) * 1000:7.0f} ms  "
        f"p95 {_pct(lat, 0.95) * 1000:7.0f} ms  errors {len(errors)}  "
        f"ratio {base_rate / rate if rate else float('inf'):6.1f}x slower"
    )
    for error in sorted(set(errors))[:3]:
        out(f"  error: {error}")
    if lat:
        out(
            f"  a sign-in costs the server ~{cores / rate * 1000:.0f} ms of a "
            f"core when it is the bottleneck ({cores} cores / {rate:.2f} per s; "
            f"mean latency {statistics.mean(lat) * 1000:.0f} ms)"
        )
    return rate


def erlang_c(servers, load):
    """Probability that a sign-in waits for a free core (M/M/c, ``load`` =
    arrival rate x hash time, in cores)."""
    if load >= servers:
        return 1.0
    term, total = 1.0, 1.0  # a^k / k!, summed for k < servers
    for k in range(1, servers):
        term *= load / k
        total += term
    last = term * load / servers * servers / (servers - load)
    return last / (total + last)


def burst(args, per_core, http_rate, cores):
    need = args.burst / (args.minutes * 60)
    hash_s = 1 / per_core
    out(f"== morning burst: {args.burst} sign-ins in {args.minutes:g} minutes")
    load = need * hash_s
    out(
        f"needed rate {need:.2f} sign-ins/s x {hash_s * 1000:.0f} ms per hash "
        f"(one per sign-in) = {load:.2f} cores busy hashing all along"
    )
    out("cores given to the hashes, arrivals at random (M/M/c):")
    for servers in range(max(1, int(load)), int(load) + 6):
        if servers <= load:
            out(f"  {servers} cores: saturated, the queue grows all along")
            continue
        waits = erlang_c(servers, load)
        rate = (servers - load) / hash_s
        p95 = 0.0 if waits <= 0.05 else math.log(waits / 0.05) / rate
        out(
            f"  {servers} cores: utilisation {load / servers:4.0%}  "
            f"P(wait) {waits:4.0%}  mean wait {waits / rate * 1000:6.0f} ms  "
            f"p95 hash+wait {(hash_s + p95) * 1000:6.0f} ms"
        )
    if http_rate:
        out(
            f"measured full sign-ins on this server ({cores} cores): "
            f"{http_rate:.2f} /s = {http_rate * args.minutes * 60:.0f} in "
            f"{args.minutes:g} minutes; cores for the burst at that rate: "
            f"{need / http_rate * cores:.1f}"
        )


def main():
    args = parse()
    cores = args.processes or os.cpu_count()
    per_core = bench_hashes(args, cores)
    http_rate = bench_http(args, cores) if args.url else None
    burst(args, per_core, http_rate, cores)


if __name__ == "__main__":
    main()
