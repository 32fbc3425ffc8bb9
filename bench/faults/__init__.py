"""The fault and load run of issue 8 (`python -m bench.faults`, `make faults`).

On a real gunicorn (sync workers) and the job worker (`manage.py run_worker`), both on loopback,
against PostgreSQL on 127.0.0.1:5432 (own database `tusoi_bench_faults`) holding a synthetic
province (bench.province): PostgreSQL restarted while members submit, a web worker killed in the
middle of a submission, the job worker killed in the middle of a job, then 200 simulated members
and a few committee readers for `--seconds`. The figures go to docs/reliability.md and .json.
"""
