"""Names, ports and goals the benchmark's modules share."""

MAIN_DB = "victims_bench"
SMALL_DB = "victims_bench_1k"
# The bare view, POSTed to with the submission's cookies and token (round_submit).
SAME_REQUEST = "baseline, the submission's request"
WELSH_BASELINE = "baseline, Welsh page size"
WELSH_GUIDANCE = "guidance (Welsh)"
PORTS = {"main": 8101, "small": 8102, "gunicorn": 8103, "redis-app": 8104, "redis": 6390}
RIGHTS_PAGE = "/victims-code/victim-personal-statement/"
CHANGELIST = "/staff/complaints/complaint/"

EVERYTHING = "guidance,servers,submit,redis,changelist,transfer,lighthouse"
GOALS = {
    "guidance": 0.6,
    "submit_throughput": 0.25,
    "submit_p99": 0.25,
    "changelist": 1.5,
    "transfer_kb": 32,
    "lighthouse": 100,
}
