-- wrk script: small exposure diagrams (SVG) of the subjects file's subjects.
local subjects = {}
local path = os.getenv("SUBJECTS") or "/tmp/cgbench/1000000/subjects.txt"
for line in io.lines(path) do if #line > 0 then subjects[#subjects + 1] = line end end
local i = 0
request = function()
  i = i % #subjects + 1
  return wrk.format("GET", "/v1/render?subject=" .. subjects[i] .. "&exposure=true&maxDepth=3&regime=none&asOf=2024-01-01")
end
done = function(summary, latency, requests)
  io.write(string.format("p50_ms=%.2f p99_ms=%.2f\n", latency:percentile(50) / 1000, latency:percentile(99) / 1000))
end
