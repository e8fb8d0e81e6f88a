// kpproc serve: its pages and API answered without a network (web::WebApp), then the server
// itself as a user meets it: it listens, answers, refuses what it should, and stops cleanly.

#include <catch2/catch.hpp>

#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/Net/StreamSocket.h>
#include <signal.h>
#include <sys/wait.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <random>
#include <regex>
#include <thread>

#include "kpproc/json.hpp"
#include "test_support.hpp"
#include "web/web_app.hpp"

namespace fs = std::filesystem;
using kpproc::cli::web::Response;
using kpproc::cli::web::WebApp;
using kpproc::testing::run_process;
using kpproc::testing::TempDir;

namespace {

const fs::path kSource = KPPROC_SOURCE_DIR;
const fs::path kBinary = KPPROC_BINARY;

// One database of the seeds and examples, with entities, made once for the whole program.
const std::string& database() {
    static const TempDir dir;
    static const std::string path = [] {
        const std::string db = (dir.path / "minutes.sqlite").string();
        const auto r = run_process(kBinary, {"run", "-q", "--chain", "auto ! entities ! sqlite",
                                             "-o", db, (kSource / "tests/data/seeds").string(),
                                             (kSource / "examples/data").string()});
        REQUIRE(r.status == 0);
        return db;
    }();
    return path;
}

Response get(const std::string& target) {
    static const WebApp app(database());
    return app.handle("GET", target);
}

// The id of a meeting the search page links to first for `query`.
std::string first_meeting(const std::string& query) {
    const Response r = get("/?q=" + query);
    std::smatch m;
    REQUIRE(std::regex_search(r.body, m, std::regex(R"re(href="/meetings/(\d+)")re")));
    return m[1];
}

}  // namespace

TEST_CASE("serve: the search page finds 'county lines' and links to its meetings", "[serve]") {
    Response r = get("/?q=%22county+lines%22");
    CHECK(r.status == 200);
    CHECK(r.content_type == "text/html; charset=utf-8");
    CHECK_THAT(r.body, Catch::Contains("<mark>county lines</mark>") ||
                           Catch::Contains("<mark>county</mark> <mark>lines</mark>"));
    CHECK_THAT(r.body, Catch::Contains("href=\"/meetings/"));
    CHECK_THAT(r.body, Catch::Contains("value=\"&quot;county lines&quot;\""));
    // Filters: resolutions only; a date range that holds nothing.
    r = get("/?q=report&type=resolution");
    CHECK(r.status == 200);
    CHECK(r.body.find("<div class=\"meta\">paragraph") == std::string::npos);
    CHECK_THAT(r.body, Catch::Contains("<div class=\"meta\">resolution"));
    r = get("/?q=report&from=1990-01-01&to=1990-12-31");
    CHECK_THAT(r.body, Catch::Contains("0 passages found."));
    // No words: the form alone.
    r = get("/");
    CHECK(r.status == 200);
    CHECK(r.body.find("<ol class=\"hits\">") == std::string::npos);
}

TEST_CASE("serve: a meeting's page is kp.exporter.html's, its JSON the document", "[serve]") {
    const std::string id = first_meeting("Meade");
    Response r = get("/meetings/" + id);
    CHECK(r.status == 200);
    CHECK_THAT(r.body, Catch::Contains("<h1 id=\"meeting-title\">Kent and Medway Police and Crime "
                                       "Panel</h1>"));
    CHECK_THAT(r.body, Catch::Contains("<nav class=\"site\" aria-label=\"Site\">"));
    // A person named in the meeting links to their page across the archive.
    CHECK_THAT(r.body,
               Catch::Contains("<a class=\"elsewhere\" href=\"/people/person%3Ascott.m\">in "
                               "other meetings</a>"));
    r = get("/api/meetings/" + id);
    CHECK(r.status == 200);
    CHECK(r.content_type == "application/json; charset=utf-8");
    const auto doc = kpproc::json::parse(r.body);
    CHECK(doc.find("meeting")->find("body")->as_string() ==
          "Kent and Medway Police and Crime Panel");
    CHECK(get("/meetings/999999").status == 404);
    CHECK(get("/meetings/abc").status == 400);
}

TEST_CASE("serve: the Commissioner's page lists his meetings and the role he held", "[serve]") {
    Response r = get("/people/person:scott.m");
    CHECK(r.status == 200);
    CHECK_THAT(r.body, Catch::Contains("<h1>M Scott</h1>"));
    CHECK_THAT(r.body, Catch::Contains("Kent and Medway Police and Crime Panel, 2023-10-17</a>"));
    CHECK_THAT(r.body, Catch::Contains("<h2>Roles held</h2>"));
    CHECK_THAT(r.body, Catch::Contains("<svg class=\"timeline\" role=\"img\" aria-label=\"Meetings "
                                       "per year: 2023: "));
    r = get("/api/people/person%3Ascott.m");
    CHECK(r.status == 200);
    const auto person = kpproc::json::parse(r.body);
    CHECK(person.find("meetings")->as_array().size() >= 1);
    CHECK_FALSE(person.find("roles")->as_array().empty());
    CHECK(get("/people/person:nobody.x").status == 404);
    r = get("/people?q=Scott");
    CHECK_THAT(r.body, Catch::Contains("href=\"/people/person%3Ascott.m\""));
}

TEST_CASE("serve: bodies and their meetings over time", "[serve]") {
    Response r = get("/bodies");
    CHECK(r.status == 200);
    CHECK_THAT(
        r.body,
        Catch::Contains("<a href=\"/bodies/Kent%20and%20Medway%20Police%20and%20Crime%20Panel\">"));
    r = get("/bodies/Kent%20and%20Medway%20Police%20and%20Crime%20Panel");
    CHECK(r.status == 200);
    CHECK_THAT(r.body, Catch::Contains("<h1>Kent and Medway Police and Crime Panel</h1>"));
    CHECK_THAT(r.body, Catch::Contains("<svg class=\"timeline\""));
    const auto bodies = kpproc::json::parse(get("/api/bodies").body);
    CHECK_FALSE(bodies.as_array().empty());
}

TEST_CASE("serve: a bad request is a 4xx that says why, and nothing typed comes back as markup",
          "[serve][errors]") {
    struct Case {
        std::string target;
        int status;
        std::string reason;
    };
    for (const Case& c : std::vector<Case>{
             {"/?q=x&from=17-10-2023", 400, "from takes a date as YYYY-MM-DD"},
             {"/?q=x&type=minutes", 400, "type is one of paragraph, resolution"},
             {"/?q=x&limit=5000", 400, "limit is a number from 1 to 200"},
             {"/?q=x&colour=red", 400, "unknown parameter 'colour'"},
             {"/?q=x&q=y", 400, "the parameter 'q' is given twice"},
             {"/api/search", 400, "q, the words to search for, is required"},
             {"/api/search?q=%22", 400, "is not FTS5 syntax"},
             {"/nowhere", 404, "no such page"},
             {"/api/nowhere", 404, "no such API endpoint"},
             {"/%zz", 400, "cannot be read"},
             {"http://elsewhere.example/", 400, "a request's target is a path"},
         }) {
        INFO(c.target);
        const Response r = get(c.target);
        CHECK(r.status == c.status);
        // A page says it in HTML, where a quote is written &#39;.
        const bool page = r.content_type.rfind("text/html", 0) == 0;
        CHECK_THAT(r.body,
                   Catch::Contains(page ? std::regex_replace(c.reason, std::regex("'"), "&#39;")
                                        : c.reason));
    }
    CHECK(WebApp(database()).handle("POST", "/").status == 405);
    CHECK(WebApp(database()).handle("DELETE", "/api/bodies").status == 405);
    // A query full of markup is shown as text, in the form and in the reason alike.
    for (const std::string target :
         {"/?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E", "/?q=x&from=%3Cb%3E",
          "/people?q=%22%3E%3Cimg%20src%3Dx%3E", "/people/%3Cscript%3E"}) {
        INFO(target);
        const Response r = get(target);
        CHECK(r.body.find("<script") == std::string::npos);
        CHECK(r.body.find("<img") == std::string::npos);
        CHECK(r.body.find("<b>") == std::string::npos);
    }
    // A database that is not there is not the client's fault.
    CHECK(WebApp("/no/such.sqlite").handle("GET", "/api/bodies").status == 503);
}

TEST_CASE("serve: malformed targets never bring an answer down", "[serve][errors]") {
    const std::vector<std::string> odd = {"",
                                          "/",
                                          "//",
                                          "/../../etc/passwd",
                                          "/meetings/",
                                          "/meetings/1/2",
                                          "/people/",
                                          "/api/meetings/-1",
                                          "/?%",
                                          "/?=",
                                          "/?q",
                                          "/?q=%00",
                                          "/api/people/%FF%FE",
                                          std::string(20000, '/'),
                                          "/bodies/" + std::string(5000, 'a'),
                                          "/?q=" + std::string(3000, '(')};
    for (const auto& target : odd) {
        INFO(target.substr(0, 40));
        const Response r = get(target);
        CHECK(r.status >= 200);
        CHECK(r.status < 500);
    }
}

TEST_CASE("serve: random paths and query strings are answered, never a fault", "[serve][errors]") {
    // Pieces a target is made of, put together at random: routes, separators, encodings,
    // parameters known and unknown, markup, very long runs.
    const std::vector<std::string> pieces = {"/",
                                             "/api",
                                             "/meetings",
                                             "/people",
                                             "/bodies",
                                             "/search",
                                             "?",
                                             "&",
                                             "=",
                                             "q",
                                             "from",
                                             "to",
                                             "type",
                                             "limit",
                                             "body",
                                             "person",
                                             "%",
                                             "%2",
                                             "%zz",
                                             "%00",
                                             "%FF",
                                             "%22",
                                             "%3C",
                                             "<script>",
                                             "..",
                                             "1",
                                             "0",
                                             "-1",
                                             "99999999999999999999",
                                             "person:scott.m",
                                             "2023-10-17",
                                             "resolution",
                                             "Panel",
                                             "\"",
                                             "'",
                                             " ",
                                             "#",
                                             "+",
                                             "*",
                                             "(",
                                             ")",
                                             std::string(300, 'x'),
                                             "\xC3\xA9"};
    std::mt19937 random(20261202);
    for (int i = 0; i < 3000; ++i) {
        std::string target = "/";
        const int parts = 1 + static_cast<int>(random() % 8);
        for (int k = 0; k < parts; ++k) {
            target += pieces[random() % pieces.size()];
        }
        INFO(target);
        const Response r = get(target);
        CHECK(r.status >= 200);
        CHECK(r.status < 500);
        CHECK(r.body.find("<script") == std::string::npos);
    }
}

// ---- The server ---------------------------------------------------------------------------

namespace {

struct Server {
    pid_t pid = -1;
    std::uint16_t port = 0;
    fs::path err;
};

// Starts `kpproc serve --port 0` and reads the address it says it listens on.
Server start_server(const fs::path& dir) {
    Server s;
    s.err = dir / "serve.err";
    const auto started =
        kpproc::testing::start_process(kBinary, {"serve", "--port", "0", database()}, s.err);
    s.pid = started.pid;
    const std::regex listening(R"re(at http://127\.0\.0\.1:(\d+)/)re");
    for (int i = 0; i < 200 && s.port == 0; ++i) {
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
        const std::string text = kpproc::testing::slurp(s.err);
        std::smatch m;
        if (std::regex_search(text, m, listening)) {
            s.port = static_cast<std::uint16_t>(std::stoi(m[1]));
        }
    }
    REQUIRE(s.port != 0);
    return s;
}

int status_of(std::uint16_t port, const std::string& target, std::string* body = nullptr) {
    Poco::Net::HTTPClientSession session("127.0.0.1", port);
    Poco::Net::HTTPRequest request(Poco::Net::HTTPRequest::HTTP_GET, target);
    session.sendRequest(request);
    Poco::Net::HTTPResponse response;
    std::istream& in = session.receiveResponse(response);
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (body != nullptr) {
        *body = std::move(text);
    }
    return response.getStatus();
}

// What the server says to raw bytes on a fresh connection (its status line), or "" if it
// closes without a word.
std::string raw_exchange(std::uint16_t port, const std::string& bytes) {
    Poco::Net::StreamSocket socket(Poco::Net::SocketAddress("127.0.0.1", port));
    socket.setReceiveTimeout(Poco::Timespan(5, 0));
    socket.sendBytes(bytes.data(), static_cast<int>(bytes.size()));
    char buffer[256] = {};
    try {
        const int n = socket.receiveBytes(buffer, sizeof buffer - 1);
        const std::string reply(buffer, static_cast<std::size_t>(std::max(n, 0)));
        return reply.substr(0, reply.find("\r\n"));
    } catch (const Poco::Exception&) {
        return "";  // reset: the server would have none of it
    }
}

}  // namespace

TEST_CASE("serve: listens on this machine, answers, survives bad clients, stops on SIGTERM",
          "[serve][server]") {
    const TempDir dir;
    Server s = start_server(dir.path);
    std::string body;
    CHECK(status_of(s.port, "/?q=Panel", &body) == 200);
    CHECK_THAT(body, Catch::Contains("passages found."));
    CHECK(status_of(s.port, "/api/search?q=Panel&limit=1", &body) == 200);
    CHECK(kpproc::json::parse(body).as_array().size() == 1);
    // Bytes that are no HTTP, a header far too long, a request line with no end: each refused
    // or dropped, and the server still answers the next client.
    CHECK_THAT(raw_exchange(s.port, "HELLO\r\n\r\n"),
               Catch::StartsWith("HTTP/1.") || Catch::Equals(""));
    const std::string huge =
        "GET / HTTP/1.1\r\nHost: x\r\nX-Big: " + std::string(200000, 'a') + "\r\n\r\n";
    CHECK_THAT(raw_exchange(s.port, huge), Catch::Contains("400") || Catch::Equals(""));
    CHECK(status_of(s.port, "/bodies") == 200);
    // SIGTERM: it stops at once, cleanly.
    const auto stop_asked = std::chrono::steady_clock::now();
    REQUIRE(::kill(s.pid, SIGTERM) == 0);
    int raw = 0;
    REQUIRE(::waitpid(s.pid, &raw, 0) == s.pid);
    CHECK(WIFEXITED(raw));
    CHECK(WEXITSTATUS(raw) == 0);
    CHECK(std::chrono::steady_clock::now() - stop_asked < std::chrono::seconds(15));
    CHECK_THAT(kpproc::testing::slurp(s.err), Catch::Contains("kpproc serve: stopped"));
}

TEST_CASE("serve: a database it cannot read, or a port it cannot have, is said at once",
          "[serve][server][errors]") {
    auto r = run_process(kBinary, {"serve", "/no/such.sqlite"});
    CHECK(r.status == 2);
    CHECK_THAT(r.err, Catch::Contains("no such database file"));
    r = run_process(kBinary, {"serve", "--port", "70000", database()});
    CHECK(r.status == 2);
    CHECK_THAT(r.err, Catch::Contains("--port expects a port number from 0 to 65535"));
    r = run_process(kBinary, {"serve", "--bind", "203.0.113.7", "--port", "1", database()});
    CHECK(r.status == 2);
    CHECK_THAT(r.err, Catch::Contains("cannot listen on 203.0.113.7:1"));
}
