-- wrk script: each thread is one learner saving a short-text answer again and again to its own attempt.
-- Environment: SAVE_TOKENS, SAVE_ATTEMPTS (space-separated, one per thread), SAVE_QUESTION, SAVE_PATH_PREFIX.
local tokens, attempts = {}, {}
for t in string.gmatch(os.getenv("SAVE_TOKENS"), "%S+") do tokens[#tokens + 1] = t end
for a in string.gmatch(os.getenv("SAVE_ATTEMPTS"), "%S+") do attempts[#attempts + 1] = a end
local question = os.getenv("SAVE_QUESTION")
local prefix = os.getenv("SAVE_PATH_PREFIX")
local threads, next_id = {}, 1

function setup(thread)
  thread:set("id", next_id)
  thread:set("token", tokens[next_id])
  thread:set("attempt", attempts[next_id])
  table.insert(threads, thread)
  next_id = next_id + 1
end

local counter, sent, last_ok = 0, 0, -1

function request()
  counter = counter + 1
  sent = counter
  local body = string.format('{"%s":{"t":"save %d"}}', question, counter)
  return wrk.format("PUT", prefix .. attempt .. "/answers",
    { ["Authorization"] = "Bearer " .. token, ["Content-Type"] = "application/json" }, body)
end

function response(status, headers, body)
  if status == 204 then last_ok = sent end
  wrk.thread:set("last_ok", last_ok)
end

function done(summary, latency, requests)
  for _, thread in ipairs(threads) do
    io.write(string.format("ACK %s %s\n", thread:get("attempt"), tostring(thread:get("last_ok"))))
  end
end
