-- wrk script: single-subject exposure queries, cycling through the subjects file named by SUBJECTS.
local subjects = {}
local path = os.getenv("SUBJECTS") or "/tmp/cgbench/1000000/subjects.txt"
for line in io.lines(path) do if #line > 0 then subjects[#subjects + 1] = line end end
local i = 0
request = function()
  i = i % #subjects + 1
  return wrk.format("GET", "/v1/exposure?subject=" .. subjects[i] .. "&asOf=2024-01-01")
end
done = function(summary, latency, requests)
  io.write(string.format("p50_ms=%.2f p99_ms=%.2f max_ms=%.2f\n", latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000))
end
