// libFuzzer target: every endpoint of `pivot serve`'s API (docs/serve.md)
// through serve::Endpoints, the functions the server's routes call, without
// sockets. The first byte picks the endpoint (the Monte Carlo jobs too: started,
// polled, stopped, their files); the rest, cut at its first form
// feed, gives its fields (query parameter, body, run or job id, file name) as
// arbitrary bytes, so names that are not UTF-8 reach every message. Every
// answer must be a 2xx or 4xx (a 5xx is a bug), and every JSON answer must be
// valid UTF-8 JSON; an error answer reads {"error": TEXT, "status": ITS STATUS}.
#include <cstdint>
#include <filesystem>
#include <string>

#include "fuzz_common.hpp"
#include "pivot/core/utf8.hpp"
#include "pivot/pipeline/pipeline.hpp"
#include "pivot/scenario/scenario.hpp"
#include "serve/endpoints.hpp"

namespace {

namespace fs = std::filesystem;

struct Fixture {
  fs::path dir = pivot::fuzz::scratch_dir("serve_api");
  std::unique_ptr<pivot::serve::Endpoints> api;
  Fixture() {
    // [uncertainty] lets the fuzzer start Monte Carlo and sensitivity jobs.
    pivot::fuzz::write_file(dir / "scenario.toml",
                            std::string(pivot::fuzz::kServeScenarioToml) + "\n[uncertainty]\nposition = 2\nsalience = 5\n");
    pivot::fuzz::write_file(dir / "actors.csv", pivot::fuzz::kServeActorsCsv);
    pivot::fuzz::write_file(dir / "other.csv", pivot::fuzz::kServeActorsCsv);
    // "Korea, South" with a Latin-1 e acute: loading it must be a 422, not a crash.
    pivot::fuzz::write_file(dir / "latin1.csv",
                            std::string(pivot::fuzz::kServeActorsCsv) + "cn,Chin\xE9,50,,20,70,8,50\n");
    api = std::make_unique<pivot::serve::Endpoints>(pivot::pipeline::load_study(dir.string()),
                                                    fs::weakly_canonical(dir), 0, 1);
    check(api->run("{}"), "first run");  // run 1 exists for the run endpoints
    // Monte Carlo jobs stay small here, so each input runs in milliseconds.
    api->set_uncertainty_limits(40, 4);
    check(api->start_uncertainty(R"({"trials": 20, "samples": 2})"), "first Monte Carlo");
    api->wait_uncertainty();  // job 1 is done for the job endpoints
  }

  static void check(const pivot::serve::Reply& reply, const std::string& what) {
    using nlohmann::json;
    if (reply.status >= 500 || reply.status < 200 || (reply.status >= 300 && reply.status < 400))
      pivot::fuzz::fail(what + ": status " + std::to_string(reply.status) + ": " + reply.body);
    if (reply.content_type != "application/json") {
      if (reply.status >= 300 || reply.body.empty()) pivot::fuzz::fail(what + ": empty or failed file download");
      return;
    }
    if (pivot::find_invalid_utf8(reply.body) != std::string::npos) pivot::fuzz::fail(what + ": answer not UTF-8");
    const json body = json::parse(reply.body, nullptr, false);
    if (body.is_discarded() || !body.is_object()) pivot::fuzz::fail(what + ": answer not a JSON object: " + reply.body);
    if (reply.status >= 400 &&
        (!body.contains("error") || !body["error"].is_string() || body.value("status", 0) != reply.status))
      pivot::fuzz::fail(what + ": error answer without its message and status: " + reply.body);
  }
};

Fixture& fixture() {
  static Fixture f;
  return f;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace pivot;
  if (size == 0) return 0;
  Fixture& f = fixture();
  const auto [first, second] = fuzz::split_at_form_feed(fuzz::as_text(data + 1, size - 1));
  switch (data[0] % 10) {
    case 0:
      Fixture::check(f.api->scenario(first), "GET /api/scenario?actors=");
      break;
    case 1:
      Fixture::check(f.api->files(), "GET /api/files");
      break;
    case 2: {
      // Runs take time; only small bodies, which is where the edits are.
      if (first.size() > 512) return 0;
      Fixture::check(f.api->run(first), "POST /api/run");
      break;
    }
    case 3:
      Fixture::check(f.api->run_by_id(first), "GET /api/runs/ID");
      break;
    case 4:
      Fixture::check(f.api->run_file(first, second), "GET /api/runs/ID/FILE");
      break;
    case 5: {
      const serve::Reply reply = f.api->save(first);
      Fixture::check(reply, "POST /api/save");
      if (reply.status == 201) {  // keep the directory as it was for the next input
        const auto saved = nlohmann::json::parse(reply.body).at("saved").get<std::string>();
        if (saved == "actors.csv" || saved == "other.csv" || saved == "latin1.csv" || saved == "scenario.toml")
          fuzz::fail("save overwrote " + saved);
        std::filesystem::remove(f.dir / saved);
      }
      break;
    }
    case 6: {
      if (first.size() > 512) return 0;
      Fixture::check(f.api->start_uncertainty(first), "POST /api/uncertainty");
      f.api->wait_uncertainty();  // one job at a time; the next input finds none running
      break;
    }
    case 7:
      Fixture::check(f.api->uncertainty(first), "GET /api/uncertainty/ID");
      break;
    case 8:
      Fixture::check(f.api->stop_uncertainty(first), "POST /api/uncertainty/ID/stop");
      break;
    case 9:
      Fixture::check(f.api->uncertainty_file(first, second), "GET /api/uncertainty/ID/FILE");
      break;
  }
  return 0;
}
