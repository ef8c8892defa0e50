-- wrk script: malformed requests — random parameter names and values, bad dates, huge numbers, control bytes,
-- unknown routes, oversized declared bodies. The server must answer every one (4xx) and never crash.
math.randomseed(16)
local routes = {"/v1/exposure", "/v1/reach", "/v1/entities/", "/v1/entities/x/adjacent", "/v1/ownership", "/v1/blocked",
                "/v1/render", "/view/entities/", "/view/search", "/v1/search", "/v1/screen", "/v1/nothing", "/%00%ff", "/v1/exposure/../../etc/passwd"}
local names = {"subject", "asOf", "maxDepth", "limit", "via", "direction", "derived", "of", "holder", "regime", "format",
               "radius", "q", "offset", "x", "%00", "subject%5B%5D", "kind", "country", "threshold", "candidates"}
local values = {"", "-1", "99999999999999999999", "2022-02-30", "0000-00-00", "%00", "%ff%fe", "owns,,,", "../../etc/passwd",
                "%3Cscript%3E", "true", "C0946800", "both", "svg", string.rep("A", 3000)}
local big = string.rep("x", 2 * 1024 * 1024)
local function pick(t) return t[math.random(#t)] end
request = function()
  local q = {}
  for _ = 1, math.random(0, 5) do q[#q + 1] = pick(names) .. "=" .. pick(values) end
  local path = pick(routes)
  if path:sub(-1) == "/" then path = path .. pick(values) end
  if math.random(20) == 1 then
    return wrk.format("POST", path, nil, big)
  end
  if math.random(5) == 1 then
    -- Screening bodies: broken CSV and JSON, random bytes, wrong types, under random content types.
    local bytes = {}
    for _ = 1, math.random(0, 300) do bytes[#bytes + 1] = string.char(math.random(0, 255)) end
    local bodies = {"ref,name\n", "name\nx\n", "ref,name,kind\nc1,x,compnay\n", "ref,name\n\"open,x\n", "[", "{}", "[1,2]",
                    "[{\"ref\":1}]", "{\"counterparties\":[{\"ref\":\"a\",\"name\":[[[]]]}]}", table.concat(bytes),
                    "ref,name,identifiers\nc1,x,lei:XYZ;;:;inn:\n", string.rep("[", 5000)}
    local types = {"text/csv", "application/json", "image/png", "", "application/x-www-form-urlencoded"}
    local t = pick(types)
    local headers = {}
    if t ~= "" then headers["Content-Type"] = t end
    return wrk.format("POST", "/v1/screen?" .. table.concat(q, "&"), headers, pick(bodies))
  end
  return wrk.format("GET", path .. "?" .. table.concat(q, "&"))
end

-- Count the statuses (a 500 or a dropped connection would show here; wrk's "Non-2xx" count cannot tell).
local threads = {}
function setup(thread) table.insert(threads, thread) end
function init(args) statuses = {} end
function response(status, headers, body) statuses[status] = (statuses[status] or 0) + 1 end
function done(summary, latency, requests)
  local total = {}
  for _, t in ipairs(threads) do
    for k, v in pairs(t:get("statuses")) do total[k] = (total[k] or 0) + v end
  end
  local keys = {}
  for k in pairs(total) do keys[#keys + 1] = k end
  table.sort(keys)
  local parts = {}
  for _, k in ipairs(keys) do parts[#parts + 1] = k .. ":" .. total[k] end
  io.write("statuses " .. table.concat(parts, " ") .. "\n")
end
