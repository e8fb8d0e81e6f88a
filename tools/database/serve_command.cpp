// `kpproc serve` (run by kpproc as `kpproc-serve`): a small local web app over a database the
// sqlite exporter wrote (web/web_app.hpp): search, meetings, people, bodies and a JSON API.
// Poco::Net's HTTP server, bound to 127.0.0.1 unless told otherwise; the database opened
// read-only for each request; SIGINT or SIGTERM stops it cleanly.

#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Net/HTTPRequestHandlerFactory.h>
#include <Poco/Net/HTTPServer.h>
#include <Poco/Net/HTTPServerParams.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>
#include <Poco/Net/NetException.h>
#include <Poco/Net/ServerSocket.h>
#include <signal.h>

#include <charconv>
#include <iostream>

#include "command_line.hpp"
#include "database_commands.hpp"
#include "document_reader.hpp"
#include "web/web_app.hpp"

namespace kpproc::cli {

using Poco::Util::Option;

namespace {

class AppHandler final : public Poco::Net::HTTPRequestHandler {
public:
    explicit AppHandler(const web::WebApp& app) : app_(app) {}

    void handleRequest(Poco::Net::HTTPServerRequest& request,
                       Poco::Net::HTTPServerResponse& response) override {
        const web::Response answer = app_.handle(request.getMethod(), request.getURI());
        response.setStatus(static_cast<Poco::Net::HTTPResponse::HTTPStatus>(answer.status));
        response.setContentType(answer.content_type);
        // Nothing of the page may run or be framed elsewhere: it has no script of its own.
        response.set("Content-Security-Policy",
                     "default-src 'none'; style-src 'unsafe-inline'; img-src 'self'; "
                     "form-action 'self'; frame-ancestors 'none'");
        response.set("X-Content-Type-Options", "nosniff");
        response.set("Referrer-Policy", "no-referrer");
        response.setContentLength(static_cast<std::streamsize>(answer.body.size()));
        std::ostream& out = response.send();
        if (request.getMethod() != "HEAD") {
            out << answer.body;
        }
    }

private:
    const web::WebApp& app_;
};

class AppHandlerFactory final : public Poco::Net::HTTPRequestHandlerFactory {
public:
    explicit AppHandlerFactory(const web::WebApp& app) : app_(app) {}
    Poco::Net::HTTPRequestHandler* createRequestHandler(
        const Poco::Net::HTTPServerRequest& /*request*/) override {
        return new AppHandler(app_);
    }

private:
    const web::WebApp& app_;
};

std::uint16_t port_of(const ParsedArgs& a) {
    if (!a.has("port")) {
        return 8765;
    }
    const std::string text = a.value("port");
    unsigned port = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), port);
    if (ec != std::errc() || end != text.data() + text.size() || port > 65535) {
        throw UsageError("--port expects a port number from 0 to 65535, not '" + text + "'");
    }
    return static_cast<std::uint16_t>(port);
}

CommandSpec serve_spec() {
    CommandSpec spec{
        "serve",
        "[options] DATABASE",
        "Serves a small web app over a database the sqlite exporter wrote, on this machine: a "
        "search page (the filters of 'kpproc search'), each meeting as kp.exporter.html shows "
        "it, a page for each person (their meetings, the roles they held, the questions they "
        "asked, a timeline) and for each body, and a JSON API beside every page (see /api). "
        "The database is only read. Stop it with Ctrl-C.",
        "Examples:\n"
        "  kpproc serve minutes.sqlite                 then open http://127.0.0.1:8765/\n"
        "  kpproc serve --port 9000 minutes.sqlite\n",
        {}};
    spec.options.addOption(Option("port", "",
                                  "Listen on port N (default 8765; 0 picks a free one, said on "
                                  "standard error).")
                               .argument("N"));
    spec.options.addOption(
        Option("bind", "",
               "Listen on ADDRESS (default 127.0.0.1: this machine only). 0.0.0.0 shares the "
               "archive with the whole network: think before you do.")
            .argument("ADDRESS"));
    spec.options.addOption(
        Option("threads", "", "Answer at most N requests at once (default 16).").argument("N"));
    add_common_options(spec.options);
    return spec;
}

// SIGINT and SIGTERM, blocked in every thread, so that the main thread alone takes them with
// sigwait() and stops the server in order.
sigset_t stop_signals() {
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGTERM);
    return set;
}

Poco::Net::HTTPServerParams* server_params(const ParsedArgs& a) {
    int threads = 16;
    if (a.has("threads")) {
        const std::string text = a.value("threads");
        const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), threads);
        if (ec != std::errc() || end != text.data() + text.size() || threads < 1 || threads > 256) {
            throw UsageError("--threads expects a number from 1 to 256, not '" + text + "'");
        }
    }
    auto* params = new Poco::Net::HTTPServerParams;
    params->setMaxThreads(threads);
    params->setMaxQueued(256);
    params->setTimeout(Poco::Timespan(10, 0));  // a slow client is let go
    // One request a connection: Poco gives each connection a thread of its own for as long as
    // it is kept alive, so clients that keep theirs open would hold every thread while the
    // rest wait in the queue. On loopback a new connection costs next to nothing.
    params->setKeepAlive(false);
    return params;
}

}  // namespace

int serve_command(const std::vector<std::string>& args) {
    const CommandSpec spec = serve_spec();
    return guarded(spec, args, [&](const ParsedArgs& a) {
        if (a.positional.size() != 1) {
            throw UsageError("give one DATABASE (a file the sqlite exporter wrote)");
        }
        const std::string database = a.positional[0];
        (void)open_sqlite_cells(database);  // a database that cannot be read is said at once
        const sigset_t signals = stop_signals();
        pthread_sigmask(SIG_BLOCK, &signals, nullptr);
        const web::WebApp app(database);
        Poco::Net::ServerSocket socket;
        try {
            socket.bind(Poco::Net::SocketAddress(a.value("bind", "127.0.0.1"), port_of(a)), true);
            socket.listen(512);  // a burst of clients waits in the queue, not in SYN retries
        } catch (const Poco::Exception& e) {
            throw Error("cannot-listen", "cannot listen on " + a.value("bind", "127.0.0.1") + ":" +
                                             std::to_string(port_of(a)) + ": " + e.displayText());
        }
        Poco::Net::HTTPServer server(new AppHandlerFactory(app), socket, server_params(a));
        server.start();
        std::cerr << "kpproc serve: " << database << " at http://" << socket.address().toString()
                  << "/ (Ctrl-C to stop)" << std::endl;
        int signal = 0;
        sigwait(&signals, &signal);
        server.stopAll(true);
        std::cerr << "kpproc serve: stopped\n";
        return static_cast<int>(kSuccess);
    });
}

}  // namespace kpproc::cli
