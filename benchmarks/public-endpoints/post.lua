-- POSTs the DER files named in the environment variable BODIES (space-separated), one after the
-- other, as application/ocsp-request: each request asks about another certificate. CLOSE=1 asks the
-- server to close the connection after each answer (openssl ocsp serves one request per connection).
local bodies = {}
local index = 0

local function read(path)
    local file = assert(io.open(path, "rb"))
    local data = file:read("*a")
    file:close()
    return data
end

for path in string.gmatch(os.getenv("BODIES") or "", "%S+") do
    bodies[#bodies + 1] = read(path)
end
assert(#bodies > 0, "BODIES names no request file")

local headers = { ["Content-Type"] = "application/ocsp-request" }
if os.getenv("CLOSE") == "1" then
    headers["Connection"] = "close"
end

request = function()
    index = index % #bodies + 1
    return wrk.format("POST", nil, headers, bodies[index])
end
