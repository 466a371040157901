// `pivot serve` from outside: the token, Host and size checks, paths that try
// to leave the scenario directory, and API runs checked against direct
// library calls and a hand calculation.
#include <gtest/gtest.h>

#include <httplib.h>
#include <unistd.h>
#include <nlohmann/json.hpp>
#include "../support/pivot_cli.hpp"

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include "pivot/bargain/forecast.hpp"
#include "pivot/core/csv.hpp"
#include "pivot/core/error.hpp"
#include "pivot/output/forecast_output.hpp"
#include "pivot/pipeline/pipeline.hpp"
#include "pivot/scenario/scenario.hpp"
#include "pivot/scenario/scenario_write.hpp"
#include "pivot/serve/serve.hpp"
#include "serve/guard.hpp"

namespace {

using pivot_test::slurp;

namespace fs = std::filesystem;
using nlohmann::json;

// A scenario directory of our own (a copy of korea-2025) that tests may write into.
fs::path scratch_scenario(const std::string& name) {
  fs::path dir = fs::temp_directory_path() / ("pivot_serve_" + name + "_" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  for (const char* file : {"scenario.toml", "actors.csv", "sources.csv"})
    fs::copy_file(pivot::pipeline::builtin_scenario_root() / "korea-2025" / file, dir / file);
  return dir;
}

// A server on a free port, listening on its own thread for the test's lifetime.
struct RunningServer {
  pivot::UiServer server;
  std::thread thread;
  explicit RunningServer(pivot::ServeConfig config) : server(config), thread([this] { server.listen(); }) {}
  ~RunningServer() {
    server.stop();
    thread.join();
  }
  httplib::Client client() const {
    httplib::Client c("127.0.0.1", server.port());
    c.set_read_timeout(60, 0);
    return c;
  }
  httplib::Headers auth() const { return {{"X-Pivot-Token", server.token()}}; }
};

pivot::ServeConfig config_for(const std::string& scenario) {
  pivot::ServeConfig config;
  config.scenario = scenario;
  config.max_body_bytes = 64 * 1024;
  return config;
}

TEST(ServeGuard, TokenIs128RandomBitsInHex) {
  const std::string a = pivot::serve::random_token(), b = pivot::serve::random_token();
  EXPECT_EQ(a.size(), 32u);
  EXPECT_EQ(a.find_first_not_of("0123456789abcdef"), std::string::npos);
  EXPECT_NE(a, b);
}

TEST(ServeGuard, ConstantTimeEqual) {
  EXPECT_TRUE(pivot::serve::constant_time_equal("abcd", "abcd"));
  EXPECT_FALSE(pivot::serve::constant_time_equal("abcd", "abce"));
  EXPECT_FALSE(pivot::serve::constant_time_equal("abcd", "abc"));
  EXPECT_FALSE(pivot::serve::constant_time_equal("", "a"));
}

TEST(ServeGuard, HostMustBeLoopbackWithPort) {
  using pivot::serve::host_allowed;
  EXPECT_TRUE(host_allowed("127.0.0.1:8080", 8080));
  EXPECT_TRUE(host_allowed("localhost:8080", 8080));
  EXPECT_FALSE(host_allowed("127.0.0.1:8081", 8080));
  EXPECT_FALSE(host_allowed("127.0.0.1", 8080));
  EXPECT_FALSE(host_allowed("evil.example:8080", 8080));
  EXPECT_FALSE(host_allowed("localhost.evil.example:8080", 8080));
  EXPECT_FALSE(host_allowed("", 8080));
}

TEST(ServeGuard, FileNamesStayInsideTheDirectory) {
  const fs::path dir = scratch_scenario("guard");
  using pivot::serve::file_in_directory;
  EXPECT_EQ(file_in_directory(dir, "actors.csv"), fs::weakly_canonical(dir / "actors.csv"));
  EXPECT_TRUE(file_in_directory(dir, "not-yet-there.csv"));
  for (const char* bad : {"", ".", "..", "../actors.csv", "../../etc/passwd", "/etc/passwd", "a/b.csv", "..\\x.csv",
                          ".hidden.csv", "%2e%2e/x"})
    EXPECT_FALSE(file_in_directory(dir, bad)) << bad;
  EXPECT_FALSE(file_in_directory(dir, std::string_view("a\0b", 3)));
  fs::create_symlink("/etc/passwd", dir / "escape.csv");
  EXPECT_FALSE(file_in_directory(dir, "escape.csv"));  // a symlink that leaves the directory
  fs::remove_all(dir);
}

TEST(ServeActorsCsv, WritesTheHandWrittenFileBackByteForByte) {
  // korea-2025/actors.csv was written by hand; writing the loaded actors must reproduce it.
  const pivot::Scenario korea = pivot::pipeline::load_scenario("korea-2025");
  EXPECT_EQ(pivot::actors_csv(korea), slurp(pivot::pipeline::builtin_scenario_root() / "korea-2025" / "actors.csv"));
}

TEST(ServeHttp, RefusesRequestsWithoutTheRightTokenOrHost) {
  RunningServer s(config_for("korea-2025"));
  auto c = s.client();
  auto missing = c.Get("/api/scenario");
  ASSERT_TRUE(missing);
  EXPECT_EQ(missing->status, 401);
  EXPECT_EQ(c.Get("/")->status, 401);  // the page too
  EXPECT_EQ(c.Get("/api/scenario", {{"X-Pivot-Token", std::string(32, '0')}})->status, 403);
  EXPECT_EQ(c.Get("/api/scenario?token=" + std::string(32, 'f'))->status, 403);
  EXPECT_EQ(c.Get("/api/scenario", {{"X-Pivot-Token", s.server.token() + "0"}})->status, 403);

  httplib::Headers rebinding = s.auth();
  rebinding.emplace("Host", "attacker.example:" + std::to_string(s.server.port()));
  EXPECT_EQ(c.Get("/api/scenario", rebinding)->status, 421);
  httplib::Headers other_port = s.auth();
  other_port.emplace("Host", "127.0.0.1:1");
  EXPECT_EQ(c.Get("/api/scenario", other_port)->status, 421);
  httplib::Headers localhost = s.auth();
  localhost.emplace("Host", "localhost:" + std::to_string(s.server.port()));
  EXPECT_EQ(c.Get("/api/scenario", localhost)->status, 200);

  auto page = c.Get("/?token=" + s.server.token());
  ASSERT_TRUE(page);
  EXPECT_EQ(page->status, 200);
  EXPECT_NE(page->body.find("<title>pivot serve</title>"), std::string::npos);
  EXPECT_NE(page->get_header_value("Content-Security-Policy").find("default-src 'none'"), std::string::npos);
  EXPECT_EQ(s.server.url(), "http://127.0.0.1:" + std::to_string(s.server.port()) + "/?token=" + s.server.token());
}

TEST(ServeHttp, RefusesOversizeBodies) {
  RunningServer s(config_for("korea-2025"));
  auto c = s.client();
  const std::string big(200 * 1024, ' ');  // over the 64 KiB limit set above
  auto res = c.Post("/api/run", s.auth(), big, "application/json");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 413);
  // Without the token the body is not even read: the token check answers first.
  auto anonymous = c.Post("/api/run", big, "application/json");
  ASSERT_TRUE(anonymous);
  EXPECT_EQ(anonymous->status, 401);
}

TEST(ServeHttp, RefusesPathsOutsideTheScenarioDirectory) {
  const fs::path dir = scratch_scenario("paths");
  fs::create_symlink("/etc/hostname", dir / "linked.csv");
  RunningServer s(config_for(dir.string()));
  auto c = s.client();
  for (const char* query : {"../../../../etc/passwd", "%2e%2e%2f%2e%2e%2fetc%2fpasswd", "%2Fetc%2Fpasswd",
                            "..%252f..%252fetc%252fpasswd", "linked.csv", "sub%2f..%2factors.csv"}) {
    auto res = c.Get(std::string("/api/scenario?actors=") + query, s.auth());
    ASSERT_TRUE(res) << query;
    EXPECT_TRUE(res->status == 403 || res->status == 404) << query << " -> " << res->status << " " << res->body;
    EXPECT_EQ(res->body.find("root:"), std::string::npos);
  }
  for (const char* path : {"/../../etc/passwd", "/%2e%2e/%2e%2e/etc/passwd", "/api/../../etc/passwd"}) {
    auto res = c.Get(path, s.auth());
    ASSERT_TRUE(res) << path;
    EXPECT_GE(res->status, 400) << path;
    EXPECT_EQ(res->body.find("root:"), std::string::npos);
  }
  for (const char* name :
       {"../escaped.csv", "/tmp/escaped.csv", "..%2fescaped.csv", "sources.csv", "linked.csv", "notcsv.txt"}) {
    auto res = c.Post("/api/save", s.auth(), json{{"name", name}}.dump(), "application/json");
    ASSERT_TRUE(res) << name;
    EXPECT_TRUE(res->status == 403 || res->status == 409) << name << " -> " << res->status;
  }
  EXPECT_FALSE(fs::exists(dir.parent_path() / "escaped.csv"));
  EXPECT_EQ(slurp(dir / "sources.csv"), slurp(pivot::pipeline::builtin_scenario_root() / "korea-2025" / "sources.csv"));
  fs::remove_all(dir);
}

TEST(ServeHttp, SaveAsWritesANewActorsFileThatLoadsBack) {
  const fs::path dir = scratch_scenario("save");
  RunningServer s(config_for(dir.string()));
  auto c = s.client();
  json edit = {{"name", "actors-edited.csv"}, {"actors", {{{"id", "us-trump"}, {"capability", 90}}}}};
  auto saved = c.Post("/api/save", s.auth(), edit.dump(), "application/json");
  ASSERT_TRUE(saved);
  EXPECT_EQ(saved->status, 201) << saved->body;
  auto again = c.Post("/api/save", s.auth(), edit.dump(), "application/json");
  EXPECT_EQ(again->status, 409);  // never overwrites

  auto files = c.Get("/api/files", s.auth());
  EXPECT_NE(json::parse(files->body)["files"].dump().find("actors-edited.csv"), std::string::npos);
  auto loaded = c.Get("/api/scenario?actors=actors-edited.csv", s.auth());
  ASSERT_EQ(loaded->status, 200) << loaded->body;
  EXPECT_EQ(json::parse(loaded->body)["actors"][0]["capability"], 90.0);
  EXPECT_EQ(json::parse(loaded->body)["actors"][1]["capability"], 35.0);
  fs::remove_all(dir);
}

TEST(ServeHttp, RunMatchesTheLibraryAndEditsChangeTheResult) {
  RunningServer s(config_for("korea-2025"));
  auto c = s.client();
  auto res = c.Post("/api/run", s.auth(), "{}", "application/json");
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200) << res->body;
  const json run = json::parse(res->body);

  // The same run straight through the library, as `pivot run` does it.
  const pivot::Scenario korea = pivot::pipeline::load_scenario("korea-2025");
  std::vector<pivot::ForecastResult> direct;
  for (const char* model : {"ktab", "bdm", "exchange"}) {
    pivot::ForecastOptions options;
    if (auto it = korea.model_settings.find(model); it != korea.model_settings.end()) options.settings = it->second;
    direct.push_back(pivot::run_forecast(korea, model, options));
  }
  for (const char* model : {"mean", "median", "nbs"}) direct.push_back(pivot::run_forecast(korea, model, {}));
  ASSERT_EQ(run["models"].size(), direct.size());
  for (std::size_t m = 0; m < direct.size(); ++m) {
    EXPECT_EQ(run["models"][m]["model"], direct[m].model);
    EXPECT_EQ(run["models"][m]["predicted"].get<std::vector<double>>(), direct[m].predicted) << direct[m].model;
  }
  auto outcome = c.Get("/api/runs/" + std::to_string(run["id"].get<int>()) + "/outcome.csv", s.auth());
  ASSERT_EQ(outcome->status, 200);
  EXPECT_EQ(outcome->body, pivot::outcome_csv(korea, direct));
  // The exchange model's files, as `pivot run` writes them.
  EXPECT_NE(run["files"].dump().find("\"exchanges.csv\""), std::string::npos);
  auto exchanges = c.Get("/api/runs/" + std::to_string(run["id"].get<int>()) + "/exchanges.csv", s.auth());
  ASSERT_EQ(exchanges->status, 200);
  EXPECT_EQ(exchanges->body, pivot::exchanges_csv(korea, direct[2]));
  auto exchange_positions =
      c.Get("/api/runs/" + std::to_string(run["id"].get<int>()) + "/positions-exchange.csv", s.auth());
  ASSERT_EQ(exchange_positions->status, 200);
  EXPECT_EQ(exchange_positions->body, pivot::positions_csv(korea, direct[2]));
  auto report = c.Get("/api/runs/" + std::to_string(run["id"].get<int>()) + "/report.html", s.auth());
  EXPECT_NE(report->body.find(korea.title), std::string::npos);
  EXPECT_EQ(c.Get("/api/runs/999/outcome.csv", s.auth())->status, 404);
  EXPECT_EQ(c.Get("/api/runs/1/secret.txt", s.auth())->status, 404);

  // Trump's position on the US tariff from 25% to 0%. By hand from actors.csv:
  // sum of capability x salience = 19241, sum of c x s x position = 377400, so the
  // weighted mean falls to (377400 - 100 x 70 x 25) / 19241 = 10.5192...
  json edit = {{"actors", {{{"id", "us-trump"}, {"position", korea.actors[0].position}}}}};
  edit["actors"][0]["position"][0] = 0;
  auto edited = c.Post("/api/run", s.auth(), edit.dump(), "application/json");
  ASSERT_EQ(edited->status, 200) << edited->body;
  const json after = json::parse(edited->body);
  ASSERT_EQ(after["models"][3]["model"], "mean");  // after ktab, bdm and exchange
  EXPECT_NEAR(after["models"][3]["predicted"][0].get<double>(), 202400.0 / 19241.0, 1e-12);
  EXPECT_NE(after["models"][0]["predicted"][0].get<double>(), direct[0].predicted[0]);
  ASSERT_EQ(after["edits"].size(), 1u);
  EXPECT_EQ(after["edits"][0]["field"], "position");
  EXPECT_NE(after["id"], run["id"]);
}

TEST(ServeHttp, BadEditsNameTheField) {
  RunningServer s(config_for("korea-2025"));
  auto c = s.client();
  auto check = [&](const std::string& body, int status, const std::string& needle) {
    auto res = c.Post("/api/run", s.auth(), body, "application/json");
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, status) << body;
    EXPECT_NE(res->body.find(needle), std::string::npos) << res->body;
  };
  check("{not json", 400, "not valid JSON");
  check(R"({"actors": [{"id": "nobody"}]})", 422, "unknown actor 'nobody'");
  check(R"({"actors": [{"id": "china", "capability": -1}]})", 422, "actors[0].capability");
  check(R"({"actors": [{"id": "china", "salience": [1,2]}]})", 422, "array of 9 numbers");
  check(R"({"actors": [{"id": "china", "position": [60,0,0,0,0,0,0,0,0]}]})", 422,
        "actors[0].position[0] (us-tariff-korea): expected a number in [0, 50]");
  check(R"({"actors": [{"id": "china", "risk": 1, "colour": 3}]})", 422, "unknown field 'colour'");
  // Issue #13: every capability set to 0 left the baselines to fall back silently.
  json zero = {{"actors", json::array()}};
  for (const auto& actor : pivot::pipeline::load_scenario("korea-2025").actors)
    zero["actors"].push_back({{"id", actor.id}, {"capability", 0}});
  check(zero.dump(), 422, "every actor's capability is 0");
}

// Every answer is JSON the page can read: valid UTF-8, {"error", "status"} on errors.
json checked_json(const httplib::Result& res, const std::string& what) {
  if (!res) {
    ADD_FAILURE() << what << ": no answer (the server died?)";
    return json();
  }
  const json body = json::parse(res->body, nullptr, false);
  EXPECT_FALSE(body.is_discarded()) << what << ": " << res->body;
  EXPECT_LT(res->status, 500) << what << ": " << res->body;
  if (res->status >= 400 && !body.is_discarded()) {
    EXPECT_EQ(body.value("status", 0), res->status) << what;
  }
  return body;
}

// Issue #13: `?actors=caf%e9.csv` ended the process (nlohmann threw while the
// error answer was written) and a Latin-1 actors file gave 500s. Each query
// parameter and body field of each endpoint, with bytes that are not UTF-8.
TEST(ServeHttp, InvalidUtf8InEveryFieldIsAnsweredWithJson) {
  const fs::path dir = scratch_scenario("utf8");
  // The same actors with one name in Latin-1: "Pr\xE9sident" in line 2.
  std::string actors = slurp(dir / "actors.csv");
  actors.replace(actors.find("President Trump"), 9, "Pr\xE9sident");
  std::ofstream(dir / "latin1.csv", std::ios::binary) << actors;
  std::ofstream(dir / "caf\xE9.csv", std::ios::binary) << slurp(dir / "actors.csv");  // a file name in Latin-1
  RunningServer s(config_for(dir.string()));
  auto c = s.client();
  const auto post = [&](const std::string& path, const std::string& body) {
    return c.Post(path, s.auth(), body, "application/json");
  };

  // GET /api/scenario?actors=
  for (const char* query : {"caf%e9.csv", "caf%E9.csv", "%ff", "%c0%af", "%ed%a0%80"}) {
    auto res = c.Get(std::string("/api/scenario?actors=") + query, s.auth());
    checked_json(res, query);
    EXPECT_EQ(res->status, 400) << query;
    EXPECT_NE(res->body.find("not valid UTF-8"), std::string::npos) << res->body;
  }
  auto latin1 = c.Get("/api/scenario?actors=latin1.csv", s.auth());
  const json latin1_body = checked_json(latin1, "latin1.csv");
  EXPECT_EQ(latin1->status, 422);
  // u-s---t-r-u-m-p-,-P-r = 11 bytes, so the Latin-1 e is column 12 of line 2.
  EXPECT_EQ(latin1_body.value("error", "").rfind("latin1.csv:2:12: not valid UTF-8", 0), 0u) << latin1->body;
  // The token and the Host header.
  EXPECT_EQ(checked_json(c.Get("/api/scenario?token=%e9"), "token"),
            json({{"error", "wrong token: open the address `pivot serve` printed"}, {"status", 403}}));
  httplib::Headers host = s.auth();
  host.emplace("Host", "caf\xE9:" + std::to_string(s.server.port()));
  EXPECT_EQ(c.Get("/api/scenario", host)->status, 421);

  // GET /api/files: the Latin-1 file name is left out, the answer stays JSON.
  auto files = c.Get("/api/files", s.auth());
  const json listed = checked_json(files, "files");
  EXPECT_EQ(files->status, 200);
  EXPECT_EQ(listed["files"], json({"actors.csv", "latin1.csv", "scenario.toml", "sources.csv"}));

  // POST /api/run and /api/save: raw bytes in every string field are not JSON.
  for (const std::string& body :
       {std::string("{\"actors_file\": \"caf\xE9.csv\"}"), std::string("{\"actors\": [{\"id\": \"caf\xE9\"}]}"),
        std::string("{\"actors\": [{\"id\": \"china\", \"caf\xE9\": 1}]}"), std::string("{\"caf\xE9\": 1}"),
        std::string("\xE9")}) {
    for (const char* path : {"/api/run", "/api/save"}) {
      auto res = post(path, body);
      checked_json(res, path + std::string(" ") + body);
      EXPECT_EQ(res->status, 400) << path << " " << body;
    }
  }
  auto save_name = post("/api/save", "{\"name\": \"caf\xE9.csv\"}");
  checked_json(save_name, "save name");
  EXPECT_EQ(save_name->status, 400);
  // Valid JSON naming a file whose contents are not UTF-8.
  auto run_latin1 = post("/api/run", R"({"actors_file": "latin1.csv"})");
  checked_json(run_latin1, "run latin1.csv");
  EXPECT_EQ(run_latin1->status, 422);
  auto save_latin1 = post("/api/save", R"({"name": "new.csv", "actors_file": "latin1.csv"})");
  checked_json(save_latin1, "save from latin1.csv");
  EXPECT_EQ(save_latin1->status, 422);
  EXPECT_FALSE(fs::exists(dir / "new.csv"));

  // GET /api/runs/ID and /api/runs/ID/FILE.
  for (const char* path : {"/api/runs/%e9", "/api/runs/1%e9", "/api/runs/1/%e9", "/api/runs/1/outcome.csv%e9"}) {
    auto res = c.Get(path, s.auth());
    checked_json(res, path);
    EXPECT_EQ(res->status, 404) << path;
  }
  // The server is still there, with its runs.
  auto run = post("/api/run", "{}");
  ASSERT_EQ(checked_json(run, "run")["id"], 1);
  EXPECT_EQ(c.Get("/api/runs/1", s.auth())->status, 200);
  fs::remove_all(dir);
}

// Adding and removing actors and issues, and risk attitudes, checked against the weighted
// mean by hand from korea-2025's actors.csv: on us-tariff-korea the sum of capability x
// salience is 19241 and of capability x salience x position 377400; Trump (capability 100,
// salience 70, position 25) weighs 7000 of it and 175000 of the second sum.
TEST(ServeHttp, ActorsAndIssuesAreAddedAndRemoved) {
  RunningServer s(config_for("korea-2025"));
  auto c = s.client();
  const auto post = [&](const json& body) {
    auto res = c.Post("/api/run", s.auth(), body.dump(), "application/json");
    EXPECT_TRUE(res);
    EXPECT_EQ(res->status, 200) << res->body;
    return json::parse(res->body);
  };
  const auto predicted = [](const json& run, const std::string& model, const std::string& issue) {
    const auto& ids = run["issues"];
    const auto at = std::find(ids.begin(), ids.end(), issue) - ids.begin();
    for (const json& m : run["models"])
      if (m["model"] == model) return m["predicted"][at].get<double>();
    ADD_FAILURE() << "no model " << model;
    return 0.0;
  };
  const auto mean_of = [&](const json& run, const std::string& issue) { return predicted(run, "mean", issue); };
  // Without Trump: (377400 - 175000) / (19241 - 7000).
  const json without = post({{"remove_actors", {"us-trump"}}});
  EXPECT_NEAR(mean_of(without, "us-tariff-korea"), 202400.0 / 12241.0, 1e-12);
  EXPECT_EQ(without["inputs"]["actors"].size(), 10u);
  EXPECT_EQ(without["edits"][0], json({{"actor", "us-trump"},
                                       {"issue", ""},
                                       {"field", "actor"},
                                       {"change", "removed"},
                                       {"from", 0.0},
                                       {"to", 0.0}}));
  // A new actor at 0% with capability 100 and salience 70 there, 1 elsewhere:
  // 377400 / (19241 + 7000).
  std::vector<double> position(9, 50.0), salience(9, 1.0);
  position[0] = 0, position[2] = 10, salience[0] = 70;
  const json added = post({{"actors",
                            {{{"id", "eu"},
                              {"new", true},
                              {"name", "European Union"},
                              {"capability", 100},
                              {"risk", -0.25},
                              {"position", position},
                              {"salience", salience}}}}});
  EXPECT_NEAR(mean_of(added, "us-tariff-korea"), 377400.0 / 26241.0, 1e-12);
  EXPECT_EQ(added["inputs"]["actors"].back()["risk"], -0.25);
  // An issue removed, one added that only Trump weighs (at 8 on a 0-10 scale): its mean and
  // median are his position; the issues that stay keep their weighted means.
  json issues = {{"remove_issues", {"usfk-flexibility"}},
                 {"add_issues", {{{"id", "chips"}, {"name", "Chip export controls"}, {"min", 0}, {"max", 10}}}},
                 {"actors", {{{"id", "us-trump"}, {"risk", 0.9}}}}};
  const pivot::Scenario korea = pivot::pipeline::load_scenario("korea-2025");
  std::vector<double> trump_position = korea.actors[0].position, trump_salience = korea.actors[0].salience;
  trump_position.erase(trump_position.begin() + 5), trump_salience.erase(trump_salience.begin() + 5);
  trump_position.push_back(8), trump_salience.push_back(50);
  issues["actors"][0]["position"] = trump_position, issues["actors"][0]["salience"] = trump_salience;
  const json changed = post(issues);
  ASSERT_EQ(changed["issues"].size(), 9u);
  EXPECT_EQ(changed["issues"].back(), "chips");
  EXPECT_EQ(std::count(changed["issues"].begin(), changed["issues"].end(), "usfk-flexibility"), 0);
  EXPECT_DOUBLE_EQ(mean_of(changed, "chips"), 8.0);
  EXPECT_DOUBLE_EQ(predicted(changed, "median", "chips"), 8.0);
  EXPECT_NEAR(mean_of(changed, "us-tariff-korea"), 377400.0 / 19241.0, 1e-12);
  bool risk_listed = false;
  for (const json& e : changed["edits"]) risk_listed |= e["field"] == "risk" && e["from"] == 0.6 && e["to"] == 0.9;
  EXPECT_TRUE(risk_listed) << changed["edits"].dump();

  // Bad structure edits: 422s naming the field.
  const auto refused = [&](const json& body, const std::string& needle) {
    auto res = c.Post("/api/run", s.auth(), body.dump(), "application/json");
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 422) << body.dump() << " " << res->body;
    EXPECT_NE(res->body.find(needle), std::string::npos) << res->body;
  };
  refused({{"remove_actors", {"nobody"}}}, "remove_actors[0]: unknown actor 'nobody'");
  refused({{"remove_issues", "chips"}}, "remove_issues: expected an array of issue ids");
  json all_issues = json::array();
  for (const auto& issue : korea.issues) all_issues.push_back(issue.id);
  refused({{"remove_issues", all_issues}}, "at least one issue must remain");
  json most = json::array();
  for (std::size_t a = 1; a < korea.actors.size(); ++a) most.push_back(korea.actors[a].id);
  refused({{"remove_actors", most}}, "at least 2 actors must remain");
  refused({{"actors", {{{"id", "eu"}, {"new", true}, {"capability", 1}, {"position", position}}}}},
          "a new actor needs salience");
  refused({{"actors",
            {{{"id", "china"}, {"new", true}, {"capability", 1}, {"position", position}, {"salience", salience}}}}},
          "actors[0].id: actor 'china' exists");
  refused(
      {{"actors", {{{"id", "e u"}, {"new", true}, {"capability", 1}, {"position", position}, {"salience", salience}}}}},
      "actors[0].id: expected an id of letters");
  refused({{"actors", {{{"id", "china"}, {"risk", 2}}}}}, "actors[0].risk: expected a number in [-1, 1]");
  refused({{"add_issues", {{{"id", "x"}, {"min", 5}, {"max", 5}}}}}, "add_issues[0].max: expected max > min");
  refused({{"add_issues", {{{"id", "cash-share"}, {"min", 0}, {"max", 1}}}}},
          "add_issues[0].id: issue 'cash-share' exists");
  refused({{"add_issues", {{{"id", "x"}, {"min", 0}}}}}, "add_issues[0]: expected an object with id, min and max");
  // An added issue nobody weighs is refused as the loader refuses it.
  refused({{"add_issues", {{{"id", "x"}, {"min", 0}, {"max", 1}}}}}, "no actor weighs issue 'x'");
}

// Monte Carlo and sensitivity from the UI: a job on its own thread through the pipeline,
// polled for progress; its files are what `pivot mc` and `pivot sensitivity` make.
TEST(ServeHttp, MonteCarloJobsRunThroughThePipelineWithProgress) {
  RunningServer s(config_for("korea-2025"));
  auto c = s.client();
  const auto post = [&](const std::string& path, const std::string& body) {
    return c.Post(path, s.auth(), body, "application/json");
  };
  const auto poll = [&](int id) {
    json job;
    for (int i = 0; i < 2400; ++i) {
      job = checked_json(c.Get("/api/uncertainty/" + std::to_string(id), s.auth()), "poll");
      if (job["state"] != "running") break;
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    return job;
  };
  auto started = post("/api/uncertainty", R"({"model": "ktab", "trials": 200, "samples": 8})");
  ASSERT_EQ(started->status, 202) << started->body;
  const json job0 = json::parse(started->body);
  EXPECT_EQ(job0["state"], "running");
  EXPECT_EQ(job0["stages"], json({"trials", "one-at-a-time runs", "Sobol runs"}));
  const json done = poll(job0["id"].get<int>());
  ASSERT_EQ(done["state"], "done") << done.dump().substr(0, 400);
  EXPECT_EQ(done["stage"], "Sobol runs");
  EXPECT_EQ(done["done"], done["total"]);

  // The same Monte Carlo and sensitivity straight through the pipeline, as the CLI runs them.
  pivot::pipeline::McStudySettings mc;
  mc.trials = 200;
  const pivot::pipeline::McStudy direct = pivot::pipeline::monte_carlo_study("korea-2025", mc);
  for (const auto& [name, content] : direct.documents.files) {
    if (name == "manifest.json") continue;  // names the command
    auto file = c.Get("/api/uncertainty/1/" + name, s.auth());
    ASSERT_EQ(file->status, 200) << name;
    EXPECT_EQ(file->body, content) << name;
  }
  pivot::pipeline::SensitivityStudySettings ss;
  ss.samples = 8;
  const pivot::pipeline::SensitivityStudy sensitivity = pivot::pipeline::sensitivity_study("korea-2025", ss);
  EXPECT_EQ(c.Get("/api/uncertainty/1/tornado.csv", s.auth())->body, sensitivity.documents.files[0].second);
  EXPECT_EQ(c.Get("/api/uncertainty/1/sobol.csv", s.auth())->body, sensitivity.documents.files[1].second);
  // The page shows the report's own section: one histogram per issue, the tornado.
  const std::string html = done["html"].get<std::string>();
  std::size_t histograms = 0;
  for (std::size_t at = html.find(R"(class="chart histogram")"); at != std::string::npos;
       at = html.find(R"(class="chart histogram")", at + 1))
    ++histograms;
  EXPECT_EQ(histograms, 9u);  // korea-2025's nine issues; its two [outcomes] are probabilities
  EXPECT_NE(html.find("outcome-probabilities"), std::string::npos);
  EXPECT_NE(html.find(R"(class="chart tornado")"), std::string::npos);
  EXPECT_EQ(done["summary"].size(), direct.summaries.size());
  EXPECT_EQ(c.Get("/api/uncertainty/1/secret.txt", s.auth())->status, 404);
  EXPECT_EQ(c.Get("/api/uncertainty/7", s.auth())->status, 404);

  // A run on the job's inputs (none edited) has the job's Monte Carlo in its report, as
  // `pivot run`'s report.html has: the Uncertainty section's nine histograms, and the bottom
  // line's P5-P95 band on each of the nine issues. A run on edited inputs has neither.
  const auto count = [](const std::string& text, const std::string& needle) {
    std::size_t n = 0;
    for (std::size_t at = text.find(needle); at != std::string::npos; at = text.find(needle, at + 1)) ++n;
    return n;
  };
  const auto report_of = [&](const std::string& body) {
    const json run = checked_json(post("/api/run", body), "run " + body);
    auto report = c.Get("/api/runs/" + std::to_string(run["id"].get<int>()) + "/report.html", s.auth());
    EXPECT_EQ(report->status, 200);
    return report->body;
  };
  const std::string same = report_of("{}");
  EXPECT_EQ(count(same, R"(class="chart histogram")"), 9u);
  EXPECT_EQ(count(same, R"(class="band-text")"), 9u);
  EXPECT_NE(same.find(R"(<section id="bottom-line">)"), std::string::npos);
  const std::string other = report_of(R"({"actors": [{"id": "us-trump", "capability": 99}]})");
  EXPECT_EQ(count(other, R"(class="chart histogram")"), 0u);
  EXPECT_EQ(count(other, R"(class="band-text")"), 0u);
  EXPECT_NE(other.find(R"(<section id="bottom-line">)"), std::string::npos);
  // The job's own report: the same page, opened in the browser rather than downloaded.
  EXPECT_NE(std::find(done["files"].begin(), done["files"].end(), "report.html"), done["files"].end());
  auto job_report = c.Get("/api/uncertainty/1/report.html", s.auth());
  ASSERT_EQ(job_report->status, 200);
  EXPECT_EQ(job_report->get_header_value("Content-Disposition").rfind("inline", 0), 0u);
  EXPECT_EQ(count(job_report->body, R"(class="chart histogram")"), 9u);
  EXPECT_EQ(count(job_report->body, R"(class="band-text")"), 9u);

  // A long run is refused a second time while it runs, and stops on request with nothing kept.
  auto long_run = post("/api/uncertainty", R"({"trials": 100000, "samples": 0})");
  ASSERT_EQ(long_run->status, 202) << long_run->body;
  const int id = json::parse(long_run->body)["id"].get<int>();
  auto second = post("/api/uncertainty", "{}");
  EXPECT_EQ(second->status, 409) << second->body;
  EXPECT_EQ(c.Get("/api/uncertainty/" + std::to_string(id) + "/mc.json", s.auth())->status, 409);
  EXPECT_EQ(post("/api/uncertainty/" + std::to_string(id) + "/stop", "")->status, 200);
  EXPECT_EQ(poll(id)["state"], "stopped");
  EXPECT_EQ(c.Get("/api/uncertainty/" + std::to_string(id) + "/mc.json", s.auth())->status, 409);

  // Bad requests: 4xx with the field named, before any work starts.
  for (const auto& [body, needle] : std::vector<std::pair<std::string, std::string>>{
           {R"({"model": "exchange-rate"})", "model: expected ktab, bdm"},
           {R"({"trials": 0})", "trials: expected a whole number in [1, 100000], got 0"},
           {R"({"trials": 1000001})", "trials: expected a whole number"},
           {R"({"trials": "10"})", "trials: expected a whole number"},
           {R"({"trials": 2.5})", "trials: expected a whole number"},
           {R"({"samples": -1})", "samples: expected a whole number in [0, 4096], got -1"},
           {R"({"runs": 3})", "unknown field 'runs'"},
           {R"({"actors": [{"id": "china", "capability": -1}]})", "actors[0].capability"}}) {
    auto res = post("/api/uncertainty", body);
    const json answer = checked_json(res, body);
    EXPECT_EQ(res->status, 422) << body;
    EXPECT_NE(answer.value("error", "").find(needle), std::string::npos) << res->body;
  }
  EXPECT_EQ(post("/api/uncertainty", "[1]")->status, 400);
}

TEST(ServeHttp, UnknownMembersOfARequestAreErrorsListingTheValidNames) {
  const fs::path dir = scratch_scenario("members");
  RunningServer s(config_for(dir.string()));
  auto c = s.client();
  // "actor" for "actors" would otherwise run the unedited inputs.
  auto run = c.Post("/api/run", s.auth(), R"({"actor": [{"id": "china", "capability": 1}]})", "application/json");
  EXPECT_EQ(checked_json(run, "run")["error"],
            "unknown field 'actor' (expected actors, actors_file, add_issues, remove_actors, remove_issues)");
  EXPECT_EQ(run->status, 422);
  auto save = c.Post("/api/save", s.auth(), R"({"name": "x.csv", "file": "y.csv"})", "application/json");
  EXPECT_EQ(checked_json(save, "save")["error"],
            "unknown field 'file' (expected actors, actors_file, name, remove_actors)");
  EXPECT_EQ(save->status, 422);
  EXPECT_FALSE(fs::exists(dir / "x.csv"));
  fs::remove_all(dir);
}

// Issue #13: with httplib's default SO_REUSEPORT a second server bound the same
// port and the kernel split the connections between the two.
TEST(ServeHttp, ASecondServerOnTheSamePortFails) {
  RunningServer first(config_for("korea-2025"));
  pivot::ServeConfig same = config_for("korea-2025");
  same.port = first.server.port();
  const std::string expected = "cannot listen on 127.0.0.1:" + std::to_string(same.port) + ": Address already in use";
  try {
    pivot::UiServer second(same);
    ADD_FAILURE() << "a second server listens on port " << same.port;
  } catch (const pivot::UsageError& e) {
    EXPECT_EQ(std::string(e.what()), expected);
  }
  // The CLI: exit 2 with the message (timeout: before the fix it would serve for ever).
  const fs::path log = fs::temp_directory_path() / ("pivot_serve_port_" + std::to_string(::getpid()) + ".log");
  const int status = std::system(("timeout 60 " + std::string(PIVOT_BINARY) + " serve korea-2025 --port " +
                                  std::to_string(same.port) + " > " + log.string() + " 2>&1")
                                     .c_str());
  ASSERT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), 2);
  EXPECT_EQ(slurp(log), "error: " + expected + "\n");
  fs::remove(log);
  auto c = first.client();
  EXPECT_EQ(c.Get("/api/files", first.auth())->status, 200);
}

}  // namespace
