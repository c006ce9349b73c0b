-- GETs the paths listed one per line in the file named by the environment variable PATHS, one after
-- the other (for OCSP GET: the base64 of each request, URL-encoded).
local paths = {}
local index = 0

for line in io.lines(os.getenv("PATHS")) do
    if #line > 0 then
        paths[#paths + 1] = line
    end
end
assert(#paths > 0, "PATHS lists no path")

request = function()
    index = index % #paths + 1
    return wrk.format("GET", paths[index])
end
