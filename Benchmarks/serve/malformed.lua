-- wrk script: malformed requests — random parameter names and values, bad dates, huge numbers, control bytes,
-- unknown routes, oversized declared bodies. The server must answer every one (4xx) and never crash.
math.randomseed(16)
local routes = {"/v1/exposure", "/v1/reach", "/v1/entities/", "/v1/entities/x/adjacent", "/v1/ownership", "/v1/blocked",
                "/v1/render", "/view/entities/", "/view/search", "/v1/nothing", "/%00%ff", "/v1/exposure/../../etc/passwd"}
local names = {"subject", "asOf", "maxDepth", "limit", "via", "direction", "derived", "of", "holder", "regime", "format",
               "radius", "q", "offset", "x", "%00", "subject%5B%5D"}
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
  return wrk.format("GET", path .. "?" .. table.concat(q, "&"))
end
