// Command fakegraph serves a fake Microsoft Graph call records API on this
// machine, for trying callscope fetch and list by hand:
//
//	go run ./internal/fakegraph/cmd -generate 5 -sessions 150
//	CALLSCOPE_ACCESS_TOKEN=fake-graph-token callscope fetch --graph-url http://127.0.0.1:8765 --from 2026-02-17 --to 2026-02-18 -o archive
//
// The generated meetings start on 2026-02-17. With -logs it serves the PSTN
// and Direct Routing logs too (getPstnCalls, getDirectRoutingCalls):
//
//	go run ./internal/fakegraph/cmd -records testdata/crafted-aa-cq-bot-pstn.json -logs testdata/pstn/crafted-aa-cq-bot-pstn-dr-log.json,testdata/graph/getpstncalls-v1.json
//	CALLSCOPE_ACCESS_TOKEN=fake-graph-token callscope pstn --graph-url http://127.0.0.1:8765 --from 2026-07-14 --to 2026-07-15
//
// Ctrl+C stops it.
package main

import (
	"flag"
	"fmt"
	"net"
	"net/http"
	"os"
	"strings"

	"github.com/callscope/callscope/internal/fakegraph"
)

func main() {
	addr := flag.String("addr", "127.0.0.1:8765", "where to listen (this machine only: callscope sends its token over plain http to loopback alone)")
	dir := flag.String("dir", "", "serve the call records in this folder's .json files")
	records := flag.String("records", "", "comma-separated call record files to serve")
	generate := flag.Int("generate", 0, "serve this many generated meetings")
	sessions := flag.Int("sessions", 150, "sessions of each generated meeting")
	seed := flag.Int64("seed", 1, "the first generated meeting's seed")
	bump := flag.Int("bump", 0, "raise every record's version by this much, as if the records changed since an earlier run")
	throttle := flag.Int("throttle-every", 0, "answer every Nth request 429 with Retry-After")
	retryAfter := flag.String("retry-after", "1", "the Retry-After of a 429, in seconds")
	fail := flag.String("fail", "", "comma-separated record ids whose last sessions page fails (500)")
	users := flag.String("users", "", "comma-separated upn=objectid pairs for user look-ups")
	forbid := flag.Bool("forbid-users", false, "answer user look-ups 403, as Graph does without User.Read.All")
	token := flag.String("token", fakegraph.DefaultToken, "the bearer token to accept")
	perPage := flag.Int("sessions-per-page", 60, "sessions per page")
	logs := flag.String("logs", "", "comma-separated saved PSTN and Direct Routing logs whose rows getPstnCalls and getDirectRoutingCalls serve")
	logsPerPage := flag.Int("log-rows-per-page", 1000, "call log rows per page")
	forbidLogs := flag.String("forbid-logs", "", "comma-separated call logs (getPstnCalls, getDirectRoutingCalls, or all) that answer 403, as Graph does without CallRecord-PstnCalls.Read.All")
	flag.Parse()

	o := fakegraph.Options{Token: *token, ThrottleEvery: *throttle, RetryAfter: *retryAfter, ForbidUsers: *forbid,
		SessionsPerPage: *perPage, Users: map[string]string{}, LogRowsPerPage: *logsPerPage}
	for _, f := range strings.Split(*forbidLogs, ",") {
		switch f {
		case "":
		case "all":
			o.ForbidLogs = append(o.ForbidLogs, fakegraph.PSTNCalls, fakegraph.DirectRoutingCalls)
		default:
			o.ForbidLogs = append(o.ForbidLogs, f)
		}
	}
	if *fail != "" {
		o.Fail = strings.Split(*fail, ",")
	}
	for _, p := range strings.Split(*users, ",") {
		if upn, id, ok := strings.Cut(p, "="); ok {
			o.Users[upn] = id
		}
	}
	s := fakegraph.New(o)
	if *dir != "" {
		if err := s.AddDir(*dir); err != nil {
			fail1(err)
		}
	}
	for _, f := range strings.Split(*records, ",") {
		if f == "" {
			continue
		}
		b, err := os.ReadFile(f)
		if err == nil {
			err = s.Add(b)
		}
		if err != nil {
			fail1(fmt.Errorf("%s: %w", f, err))
		}
	}
	for _, f := range strings.Split(*logs, ",") {
		if f == "" {
			continue
		}
		if err := s.AddLogFile(f); err != nil {
			fail1(err)
		}
	}
	if err := s.Generate(*generate, *sessions, *seed); err != nil {
		fail1(err)
	}
	for range *bump {
		s.Bump()
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		fail1(err)
	}
	fmt.Printf("fake Graph with %d call records at http://%s\n", len(s.IDs()), ln.Addr())
	fmt.Printf("  CALLSCOPE_ACCESS_TOKEN=%s callscope fetch --graph-url http://%s --from 2026-02-17 --to 2026-02-18 -o archive\n", s.Token(), ln.Addr())
	fail1(http.Serve(ln, s))
}

func fail1(err error) {
	fmt.Fprintln(os.Stderr, "fakegraph:", err)
	os.Exit(1)
}
