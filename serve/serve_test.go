package serve

import (
	"encoding/base64"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"
	gossh "golang.org/x/crypto/ssh"

	"github.com/callscope/callscope/samples"
)

// An allowed key gets the explorer on the record it names, with the tree
// of that record, at its terminal's size.
func TestEngineerGetsTheTree(t *testing.T) {
	f := newFixture(t, fixtureOptions{})
	tm := f.openTerm(t, f.engineer, demoID, 100, 30)
	s := tm.waitText(t, "Alice Okafor → Conference server")
	for _, want := range []string{"Call b3f0c6a2", "Bob Lindqvist", "+14255550123", "q quit"} {
		if !strings.Contains(s, want) {
			t.Errorf("the screen lacks %q:\n%s", want, s)
		}
	}
	if !strings.Contains(tm.vt.Title(), "b3f0c6a2") {
		t.Errorf("window title %q", tm.vt.Title())
	}
	tm.send(t, "q")
	if code := tm.exit(t); code != 0 {
		t.Errorf("q: exit %d, want 0", code)
	}
}

// A key not in the file is refused, and so is a password; both are logged.
func TestUnknownKeyAndPasswordRefused(t *testing.T) {
	f := newFixture(t, fixtureOptions{})
	stranger := newSigner(t)
	if _, err := f.dial(stranger); err == nil || !strings.Contains(err.Error(), "unable to authenticate") {
		t.Fatalf("unknown key: %v", err)
	}
	f.waitAudit(t, map[string]string{"action": ActRefused, "fingerprint": gossh.FingerprintSHA256(stranger.PublicKey()), "detail": "unknown key"})
	_, err := gossh.Dial("tcp", f.addr, &gossh.ClientConfig{User: "mallory", Auth: []gossh.AuthMethod{gossh.Password("hunter2")},
		HostKeyCallback: gossh.InsecureIgnoreHostKey(), Timeout: wait})
	if err == nil {
		t.Fatal("a password got in")
	}
	// The server offers publickey only, so a client never gets to send
	// its password: the connection is refused and logged as such.
	l := f.waitAudit(t, map[string]string{"action": ActRefused, "user": "mallory"})
	if d, _ := l["detail"].(string); !strings.Contains(d, "only keys") {
		t.Errorf("password refusal detail %q", d)
	}
	if strings.Contains(f.audit.String(), "hunter2") {
		t.Error("the audit log holds the password")
	}
}

// demoPersonal are values of the demo record that identify people, their
// machines and networks: a specialist must never see one.
var demoPersonal = []string{
	"Alice Okafor", "Okafor", "Lindqvist", "Chiara", "Rossi", "Patel", "Nowak", "Alice", "Bob L",
	"alice.okafor", "contoso", "CONTOSO", "4255550123", "BOB-MBP", "DPATEL", "Jabra", "Others said",
	"10.182.44.9", "10.224.38.15", "203.0.113.12", "198.51.100.77", "3C-A0-67", "5d2a9c14",
}

func personalIn(s string) []string {
	var out []string
	for _, p := range demoPersonal {
		if strings.Contains(s, p) {
			out = append(out, p)
		}
	}
	return out
}

// A specialist sees pseudonyms everywhere the explorer shows the record:
// the tree, the detail pane, the raw JSON, the participants, search, and
// what is copied; never a real value of the record.
func TestSpecialistSeesPseudonymsOnly(t *testing.T) {
	f := newFixture(t, fixtureOptions{})
	tm := f.openTerm(t, f.specialist, demoID, 120, 40)
	screens := []string{tm.waitText(t, "Person 1 → Conference server")}
	step := func(keys, want string) {
		t.Helper()
		tm.send(t, keys)
		screens = append(screens, tm.waitText(t, want))
	}
	step("L", "Tree 1/49")                     // the whole tree open: sessions, segments, media, streams
	step("p", "Participants · 1/")             // people
	step("\x1b", "Tree 1/49")                  // back
	step("j", "Session · Person 1")            // a session's details
	step("r", "Raw JSON · Session · Person 1") // its raw JSON
	step("r/person 2\r", "for “person 2”")     // search finds the pseudonym
	step("/okafor\r", "no match for “okafor”") // and not the real name
	step("yy", "copied")                       // copy the session's JSON
	step("ym", "copied")                       // and its markdown
	for _, s := range screens {
		if p := personalIn(s); p != nil {
			t.Fatalf("a specialist saw %v on:\n%s", p, s)
		}
	}
	clips := tm.waitClipboard(t, 2)
	for _, c := range clips {
		b, err := base64.StdEncoding.DecodeString(c)
		if err != nil {
			t.Fatal(err)
		}
		if p := personalIn(string(b)); p != nil || !strings.Contains(string(b), "Person 2") {
			t.Fatalf("copied %v (want pseudonyms only): %.200s", p, b)
		}
	}
	// The report: every format.
	for _, format := range []string{"text", "markdown", "json"} {
		out, _, code := f.run(t, f.specialist, "report --format "+format+" "+demoID)
		if code != 0 || !strings.Contains(out, "Person 1") {
			t.Fatalf("%s report: exit %d:\n%.300s", format, code, out)
		}
		if p := personalIn(out); p != nil {
			t.Fatalf("the %s report holds %v", format, p)
		}
	}
	// The engineer, on the same server, sees the record as it is.
	out, _, _ := f.run(t, f.engineer, "report "+demoID)
	if !strings.Contains(out, "Alice Okafor") {
		t.Fatalf("the engineer's report lacks the real name:\n%.300s", out)
	}
}

// `report CALLID` needs no terminal: it prints what `callscope report`
// prints; a bare CALLID without a terminal prints the text report and a
// hint; unknown commands are usage errors.
func TestReportWithoutPTY(t *testing.T) {
	f := newFixture(t, fixtureOptions{})
	want := reportOf(t, samples.Demo, "text")
	out, errOut, code := f.run(t, f.engineer, "report "+demoID)
	if code != 0 || out != want {
		t.Fatalf("report: exit %d, stderr %q, stdout differs from callscope report's:\n%s", code, errOut, out)
	}
	out, _, code = f.run(t, f.engineer, "report "+demoID+" --format json")
	if code != 0 || out != reportOf(t, samples.Demo, "json") {
		t.Fatalf("json report: exit %d:\n%.300s", code, out)
	}
	out, errOut, code = f.run(t, f.engineer, demoID)
	if code != 0 || out != want || !strings.Contains(errOut, "ssh -t") {
		t.Fatalf("bare CALLID without a terminal: exit %d, stderr %q", code, errOut)
	}
	for cmd, wantCode := range map[string]int{
		"bogus command":                 2,
		"report":                        2,
		"report --format pdf " + demoID: 2,
		"":                              2, // no command, no terminal
		"report no-such-call":           1,
	} {
		if _, errOut, code := f.run(t, f.engineer, cmd); code != wantCode || errOut == "" {
			t.Errorf("%q: exit %d (want %d), stderr %q", cmd, code, wantCode, errOut)
		}
	}
	if out, _, code := f.run(t, f.engineer, "help"); code != 0 || out != Usage {
		t.Errorf("help: exit %d: %q", code, out)
	}
}

func reportOf(t *testing.T, raw []byte, format string) string {
	t.Helper()
	file, err := loadRecord("demo", raw)
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	if err := writeReport(&b, file, format); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// A window change reaches the explorer: it lays itself out again at the
// new size.
func TestWindowChangeReachesTheExplorer(t *testing.T) {
	f := newFixture(t, fixtureOptions{})
	tm := f.openTerm(t, f.engineer, demoID, 80, 24)
	tm.waitFor(t, "the footer on row 24", func(s string) bool { return strings.Contains(tm.vt.Line(23), "next problem") })
	if w := width(tm.vt.Line(1)); w != 80 {
		t.Fatalf("rule is %d wide at 80 columns", w)
	}
	tm.resize(t, 132, 40)
	tm.waitFor(t, "the footer on row 40 and a 132-column rule", func(string) bool {
		return strings.Contains(tm.vt.Line(39), "next problem") && width(tm.vt.Line(1)) == 132
	})
	tm.resize(t, 60, 15)
	tm.waitFor(t, "the footer on row 15", func(string) bool {
		return strings.Contains(tm.vt.Line(14), "next problem") && width(tm.vt.Line(1)) == 60
	})
}

// Every action is a JSON line with time, fingerprint, role, remote,
// action and detail; content never.
func TestAuditLogHasALinePerAction(t *testing.T) {
	f := newFixture(t, fixtureOptions{})
	tm := f.openTerm(t, f.engineer, demoID, 100, 30)
	tm.waitText(t, "Alice Okafor → Conference server")
	tm.send(t, "yi") // copy the call's id
	tm.waitText(t, "copied")
	tm.send(t, "q")
	tm.exit(t)
	f.run(t, f.specialist, "report --format markdown "+demoID)
	f.dial(newSigner(t))

	fpE := gossh.FingerprintSHA256(f.engineer.PublicKey())
	fpS := gossh.FingerprintSHA256(f.specialist.PublicKey())
	f.waitAudit(t, map[string]string{"action": ActConnect, "fingerprint": fpE, "role": "engineer", "comment": "alice@laptop", "detail": demoID})
	f.waitAudit(t, map[string]string{"action": ActOpen, "fingerprint": fpE, "detail": "call " + demoID + " (file 2026-02-17/" + demoID + ".v3.json.gz)"})
	f.waitAudit(t, map[string]string{"action": ActCopy, "fingerprint": fpE, "detail": "id"})
	f.waitAudit(t, map[string]string{"action": ActDisconnect, "fingerprint": fpE})
	f.waitAudit(t, map[string]string{"action": ActReport, "fingerprint": fpS, "role": "specialist", "detail": "call " + demoID + " (file 2026-02-17/" + demoID + ".v3.json.gz) (markdown)"})
	f.waitAudit(t, map[string]string{"action": ActRefused, "detail": "unknown key"})
	for _, l := range f.auditLines(t) {
		ts, _ := l["time"].(string)
		if _, err := time.Parse(time.RFC3339, ts); err != nil || !strings.HasSuffix(ts, "Z") {
			t.Errorf("time %q is not RFC 3339 UTC", ts)
		}
		if l["action"] == ActConnect || l["action"] == ActOpen || l["action"] == ActDisconnect {
			for _, k := range []string{"fingerprint", "role", "remote", "session"} {
				if l[k] == nil || l[k] == "" {
					t.Errorf("%v line lacks %s: %v", l["action"], k, l)
				}
			}
		}
	}
	if p := personalIn(f.audit.String()); p != nil {
		t.Errorf("the audit log holds record content %v", p)
	}
}

// Twenty sessions at once, each at its own size on its own record: each
// screen shows its own record and fits its own window.
func TestTwentySessionsEachGetTheirOwnScreen(t *testing.T) {
	f := newFixture(t, fixtureOptions{})
	const n = 20
	ids := make([]string, n)
	for i := range n {
		raw, id := generated(t, int64(100+i), 2+i%3)
		writeGzip(t, f.records+"/2026-03-"+twoDigits(1+i)+"/"+id+".v1.json.gz", raw)
		ids[i] = id
	}
	terms := make([]*term, n)
	for i := range n {
		terms[i] = f.openTerm(t, f.engineer, ids[i], 70+3*i, 16+i%9)
	}
	for i, tm := range terms {
		w, h := 70+3*i, 16+i%9
		short := ids[i][:8]
		tm.waitFor(t, "record "+short+" at "+twoDigits(w)+"x"+twoDigits(h), func(s string) bool {
			return strings.Contains(tm.vt.Line(0), "Call "+short) && strings.Contains(tm.vt.Line(h-1), "next problem") && width(tm.vt.Line(1)) == w
		})
		for j, other := range ids {
			if j != i && strings.Contains(tm.vt.Screen(), "Call "+other[:8]) {
				t.Errorf("session %d shows record %d", i, j)
			}
		}
	}
}

func twoDigits(n int) string {
	s := "0" + itoa(n)
	return s[len(s)-2:]
}

func itoa(n int) string {
	if n >= 10 {
		return itoa(n/10) + string(rune('0'+n%10))
	}
	return string(rune('0' + n))
}

// ctrl+z says suspend is off and does not stop the server.
func TestSuspendIsOffOverSSH(t *testing.T) {
	f := newFixture(t, fixtureOptions{})
	tm := f.openTerm(t, f.engineer, demoID, 100, 30)
	tm.waitText(t, "Alice Okafor → Conference server")
	tm.send(t, "\x1a")
	tm.waitText(t, "suspend is off over SSH")
	tm.send(t, "j")
	tm.waitText(t, "Tree 2/7") // still running
}

// Copy goes to the engineer's own terminal by OSC 52, as it was in the
// record, and the audit log says what kind.
func TestCopyGoesToTheClientByOSC52(t *testing.T) {
	f := newFixture(t, fixtureOptions{})
	tm := f.openTerm(t, f.engineer, demoID, 100, 30)
	tm.waitText(t, "Alice Okafor → Conference server")
	tm.send(t, "yi")
	tm.waitText(t, "copied")
	clips := tm.waitClipboard(t, 1)
	if len(clips) != 1 || clips[0] != base64.StdEncoding.EncodeToString([]byte(demoID)) {
		t.Fatalf("OSC 52 payloads %q, want the call id", clips)
	}
	f.waitAudit(t, map[string]string{"action": ActCopy, "detail": "id"})
}

func TestServerFullIsRefusedCleanly(t *testing.T) {
	f := newFixture(t, fixtureOptions{cfg: func(c *Config) { c.MaxSessions = 2 }})
	a := f.openTerm(t, f.engineer, demoID, 80, 24)
	b := f.openTerm(t, f.specialist, demoID, 80, 24)
	a.waitText(t, "Call b3f0c6a2")
	b.waitText(t, "Call b3f0c6a2")
	_, errOut, code := f.run(t, f.engineer, "report "+demoID)
	if code != 1 || !strings.Contains(errOut, "server is full (2 sessions); try again later") {
		t.Fatalf("third session: exit %d, %q", code, errOut)
	}
	f.waitAudit(t, map[string]string{"action": ActRefused, "detail": "server is full (2 sessions); try again later"})
	a.send(t, "q")
	a.exit(t)
	if _, _, code := f.run(t, f.engineer, "report "+demoID); code != 0 {
		t.Fatalf("after one left: exit %d", code)
	}
}

// Shutdown shows each session the notice, closes it with a message, and
// returns once the connections are gone.
func TestShutdownTellsTheSessions(t *testing.T) {
	f := newFixture(t, fixtureOptions{})
	tm := f.openTerm(t, f.engineer, "", 100, 30) // the picker
	tm.waitText(t, demoID)
	ex := f.openTerm(t, f.specialist, demoID, 100, 30)
	ex.waitText(t, "Call b3f0c6a2")
	done := make(chan error, 1)
	go func() {
		ctx, cancel := contextWithTimeout(wait)
		defer cancel()
		done <- f.srv.Shutdown(ctx)
	}()
	for _, x := range []*term{tm, ex} {
		// The notice is the last frame before the program leaves the
		// alternate screen: look for it in what the terminal was sent.
		deadline := time.Now().Add(wait)
		for !strings.Contains(ansi.Strip(x.vt.Raw()), "callscope server is shutting down") {
			if time.Now().After(deadline) {
				t.Fatalf("no notice; the screen:\n%s", x.vt.Screen())
			}
			time.Sleep(10 * time.Millisecond)
		}
		if code := x.exit(t); code != 0 {
			t.Errorf("exit %d", code)
		}
		if !strings.Contains(x.stderr.String(), "server is shutting down") {
			t.Errorf("no closing message on stderr: %q", x.stderr.String())
		}
		x.client.Close() // as ssh does once its session ends
	}
	if err := <-done; err != nil {
		t.Fatalf("Shutdown: %v", err)
	}
	if _, err := f.dial(f.engineer); err == nil {
		t.Fatal("still accepting after Shutdown")
	}
}

func TestIdleSessionIsClosed(t *testing.T) {
	f := newFixture(t, fixtureOptions{cfg: func(c *Config) { c.IdleTimeout = 400 * time.Millisecond }})
	tm := f.openTerm(t, f.engineer, demoID, 100, 30)
	tm.waitText(t, "closed after 400ms without a key press")
	tm.exit(t)
	f.waitAudit(t, map[string]string{"action": ActDisconnect})
}

// The picker lists the folder's records and Graph's recent calls; enter
// opens one, q comes back, esc quits.
func TestPickerOpensAndComesBack(t *testing.T) {
	f := newFixture(t, fixtureOptions{graph: true})
	raw, graphID := generated(t, 7, 3)
	if err := f.fake.Add(raw); err != nil {
		t.Fatal(err)
	}
	tm := f.openTerm(t, f.engineer, "", 140, 30)
	tm.waitText(t, demoID)  // the folder
	tm.waitText(t, graphID) // and Graph
	tm.send(t, "b3f0")      // filter
	tm.waitFor(t, "only the demo", func(s string) bool { return !strings.Contains(s, graphID) })
	tm.send(t, "\r")
	tm.waitText(t, "Alice Okafor → Conference server")
	tm.send(t, "q")
	tm.waitText(t, "1 of 2 records")
	tm.send(t, "\x1b") // clears the filter
	tm.waitText(t, graphID)
	tm.send(t, "\x1b") // quits
	if code := tm.exit(t); code != 0 {
		t.Fatalf("esc: exit %d", code)
	}
	f.waitAudit(t, map[string]string{"action": ActOpen, "detail": "file 2026-02-17/" + demoID + ".v3.json.gz"})
}

// The same call opened by several sessions at once, engineers and
// specialists, is fetched from Graph once and pseudonymised once.
func TestSameCallFetchedOnce(t *testing.T) {
	f := newFixture(t, fixtureOptions{graph: true, gate: true})
	raw, id := generated(t, 11, 5)
	if err := f.fake.Add(raw); err != nil {
		t.Fatal(err)
	}
	type result struct {
		out  string
		code int
	}
	const each = 3
	results := make(chan result, 2*each)
	for i := range 2 * each {
		s := f.engineer
		if i%2 == 1 {
			s = f.specialist
		}
		go func() {
			out, _, code := f.run(t, s, "report "+id)
			results <- result{out, code}
		}()
	}
	// Let Graph answer once every session is waiting for the record.
	deadline := time.Now().Add(wait)
	for f.srv.cache.waiting() < 2*each {
		if time.Now().After(deadline) {
			t.Fatalf("%d sessions waiting", f.srv.cache.waiting())
		}
		time.Sleep(5 * time.Millisecond)
	}
	close(f.gate)
	for range 2 * each {
		if r := <-results; r.code != 0 || !strings.Contains(r.out, id) {
			t.Fatalf("exit %d: %.200s", r.code, r.out)
		}
	}
	n := 0
	for _, r := range f.fake.Requests() {
		if strings.HasPrefix(r, "/v1.0/communications/callRecords/"+id+"?") {
			n++
		}
	}
	if n != 1 {
		t.Fatalf("the record was fetched %d times: %v", n, f.fake.Requests())
	}
	st, _ := f.srv.cache.Stats()
	// One load: the redacted bytes'; the engineers' view is the fetch's own.
	if st.Fetches != 1 || st.Redactions != 1 || st.Loads != 1 {
		t.Fatalf("cache: %+v, want 1 fetch, 1 redaction, 1 load", st)
	}
	// Later opens come from the cache.
	if _, _, code := f.run(t, f.specialist, "report "+id); code != 0 {
		t.Fatal(code)
	}
	if st2, _ := f.srv.cache.Stats(); st2.Fetches != 1 || st2.Hits <= st.Hits {
		t.Fatalf("a later open fetched again: %+v", st2)
	}
}

// A specialist's picker shows Graph's list pseudonymised, as the records.
func TestSpecialistPickerIsPseudonymised(t *testing.T) {
	f := newFixture(t, fixtureOptions{graph: true})
	raw, id := generated(t, 21, 2)
	if err := f.fake.Add(raw); err != nil {
		t.Fatal(err)
	}
	file, _ := loadRecord("x", raw)
	organizer := organizerName(file.Records[0])
	if organizer == "" {
		t.Fatal("the generated record has no organizer")
	}
	eng := f.openTerm(t, f.engineer, "", 160, 20)
	eng.waitText(t, organizer)
	spec := f.openTerm(t, f.specialist, "", 160, 20)
	s := spec.waitText(t, id)
	if strings.Contains(s, organizer) || !strings.Contains(s, "Person 1") {
		t.Fatalf("the specialist's picker:\n%s", s)
	}
}

// Sessions on the same record share one loaded copy and use it at once.
func TestSessionsShareOneRecord(t *testing.T) {
	f := newFixture(t, fixtureOptions{})
	steps := []struct{ keys, want string }{
		{"L", "Tree 1/49"}, {"p", "Participants · 1/"}, {"t", "Timeline"},
		{"/alice\r", "for “alice”"}, {"]", "problem 1 of"},
	}
	terms := make([]*term, len(steps))
	for i := range steps {
		terms[i] = f.openTerm(t, f.engineer, demoID, 120, 40)
	}
	for _, tm := range terms {
		tm.waitText(t, "Alice Okafor → Conference server")
	}
	for i, tm := range terms {
		tm.send(t, steps[i].keys)
	}
	for i, tm := range terms {
		tm.waitText(t, steps[i].want)
	}
	if st, _ := f.srv.cache.Stats(); st.Fetches != 1 || st.Loads != 1 {
		t.Fatalf("cache %+v: want the file read once and loaded once", st)
	}
}

// A file that is no record, or too big for the server, is an error in the
// session's words: no server path, no flag the session does not have.
func TestBadFilesSayWhyWithoutServerPaths(t *testing.T) {
	f := newFixture(t, fixtureOptions{cfg: func(c *Config) { c.CacheBytes = 6 * 4096 }})
	writeGzip(t, f.records+"/2026-03-01/bad.v1.json.gz", []byte("{\n  \"id\": \"bad\",\n  \"sessions\": [\n"))
	big := append([]byte(`{"id":"big","x":"`), append(make([]byte, 8192), `"}`...)...)
	for i := 17; i < 17+8192; i++ {
		big[i] = 'a'
	}
	writeGzip(t, f.records+"/2026-03-02/big.v1.json.gz", big)
	for id, says := range map[string]string{
		"bad": "2026-03-01/bad.v1.json.gz",
		"big": "larger than this server takes",
	} {
		_, errOut, code := f.run(t, f.engineer, "report "+id)
		t.Logf("%s: %s", id, errOut)
		if code != 1 || !strings.Contains(errOut, says) || strings.Contains(errOut, f.dir) || strings.Contains(errOut, "--max-size") {
			t.Errorf("%s: exit %d, %q", id, code, errOut)
		}
	}
	// The same in the explorer: it ends, and says why after the screen is
	// given back.
	tm := f.openTerm(t, f.engineer, "bad", 80, 24)
	if code := tm.exit(t); code != 1 || !strings.Contains(tm.stderr.String(), "invalid JSON") {
		t.Errorf("explorer on a bad file: exit %d, %q", code, tm.stderr.String())
	}
	f.waitAudit(t, map[string]string{"action": ActError})
}

// Each session's colours follow its own terminal: true colour, 256
// colours, or none, side by side on one server.
func TestColourProfilePerSession(t *testing.T) {
	f := newFixture(t, fixtureOptions{})
	tc := f.openTerm(t, f.engineer, demoID, 100, 30, "COLORTERM", "truecolor")
	c256 := f.openTerm(t, f.engineer, demoID, 100, 30)
	none := f.openTerm(t, f.engineer, demoID, 100, 30, "NO_COLOR", "yes")
	for _, tm := range []*term{tc, c256, none} {
		tm.waitText(t, "Alice Okafor → Conference server")
	}
	has := func(tm *term, seq string) bool { return strings.Contains(tm.vt.Raw(), seq) }
	if !has(tc, "38;2;") {
		t.Error("COLORTERM=truecolor: no 24-bit colour")
	}
	if !has(c256, "38;5;") || has(c256, "38;2;") {
		t.Error("xterm-256color: want 256 colours only")
	}
	if c := colourSGR(none.vt.Raw()); c != "" {
		t.Errorf("NO_COLOR: colours were sent (%q)", c)
	}
	if colourSGR(c256.vt.Raw()) == "" {
		t.Error("the colour check finds nothing: it cannot fail")
	}
}

var sgr = regexp.MustCompile(`\x1b\[([0-9;:]*)m`)

// colourSGR is the first SGR sequence that sets a colour, "" if none.
func colourSGR(raw string) string {
	for _, m := range sgr.FindAllStringSubmatch(raw, -1) {
		for _, p := range strings.FieldsFunc(m[1], func(r rune) bool { return r == ';' || r == ':' }) {
			n, _ := strconv.Atoi(p)
			if n >= 30 && n <= 49 && n != 39 && n != 49 || n >= 90 && n <= 107 {
				return m[0]
			}
		}
	}
	return ""
}
