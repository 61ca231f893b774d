package serve

import (
	"errors"
	"fmt"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
)

// callLogsGraph answers Graph's two log functions with rows of the last
// hours, before the fake Graph; the Direct Routing row of demoID names the
// demo (its correlationId), the other names no call record.
func callLogsGraph(asked *atomic.Int32) func(http.Handler) http.Handler {
	now := time.Now().UTC()
	at := func(h int) string { return now.Add(-time.Duration(h) * time.Hour).Format(time.RFC3339) }
	dr := fmt.Sprintf(`{"@odata.context":"https://graph.microsoft.com/v1.0/$metadata#Collection(microsoft.graph.callRecords.directRoutingLogRow)","value":[
{"id":"9e8bba57-dc14-533a-a7dd-f0da6575eed1","correlationId":%q,"userId":"db03c14b-06eb-4189-939b-7cbf3a20ba27","userPrincipalName":"richard.malk@contoso.com","userDisplayName":"Richard Malk","startDateTime":%q,"inviteDateTime":%q,"failureDateTime":"0001-01-01T00:00:00Z","endDateTime":%q,"duration":65,"callType":"ByotIn","successfulCall":true,"callerNumber":"+12065550142","calleeNumber":"+14255550199","mediaPathLocation":"USWE","signalingLocation":"EUNO","finalSipCode":0,"callEndSubReason":540000,"finalSipCodePhrase":"BYE","trunkFullyQualifiedDomainName":"sbc1.adatum.biz","mediaBypassEnabled":false},
{"id":"0e8bba57-dc14-533a-a7dd-f0da6575eed2","correlationId":"","userPrincipalName":"richard.malk@contoso.com","userDisplayName":"Richard Malk","startDateTime":%q,"inviteDateTime":%q,"failureDateTime":%q,"endDateTime":%q,"duration":0,"callType":"ByotOut","successfulCall":false,"callerNumber":"+12065550142","calleeNumber":"+33155550100","finalSipCode":486,"callEndSubReason":560486,"finalSipCodePhrase":"Busy Here","trunkFullyQualifiedDomainName":"sbc1.adatum.biz"}]}`,
		demoID, at(1), at(1), at(0), at(2), at(2), at(2), at(2))
	cp := fmt.Sprintf(`{"value":[{"id":"9c4984c7-6c3c-427d-a30c-bd0b2eacee90","callId":"1835317186_112562680@61.221.3.176","userId":"db03c14b-06eb-4189-939b-7cbf3a20ba27","userPrincipalName":"richard.malk@contoso.com","userDisplayName":"Richard Malk","startDateTime":%q,"endDateTime":%q,"duration":219,"callType":"user_in","calleeNumber":"+12065550142","callerNumber":"+0123456789","destinationName":"United States","operator":"Microsoft"}]}`,
		at(3), at(3))
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			switch {
			case strings.Contains(r.URL.Path, "getDirectRoutingCalls("):
				asked.Add(1)
				w.Header().Set("Content-Type", "application/json")
				fmt.Fprint(w, dr)
			case strings.Contains(r.URL.Path, "getPstnCalls("):
				w.Header().Set("Content-Type", "application/json")
				fmt.Fprint(w, cp)
			default:
				next.ServeHTTP(w, r)
			}
		})
	}
}

var logPersonal = []string{"Richard", "Malk", "richard.malk", "contoso", "2065550142", "4255550199", "33155550100", "0123456789", "db03c14b"}

// With Graph, the picker's first entry shows the PSTN and Direct Routing
// logs as `callscope pstn` does, newest first; enter on a Direct Routing
// row opens the call it names, q comes back to the logs, esc to the
// picker. A specialist sees the rows pseudonymised as redact writes them,
// numbers included; both roles' lists are fetched once while fresh.
func TestPickerShowsTheCallLogs(t *testing.T) {
	var asked atomic.Int32
	f := newFixture(t, fixtureOptions{graph: true, wrap: callLogsGraph(&asked)})
	tm := f.openTerm(t, f.engineer, "", 160, 30)
	tm.waitText(t, "PSTN and Direct Routing calls (last")
	tm.send(t, "pstn") // the filter finds the entry
	tm.waitText(t, "0 of ")
	tm.send(t, "\r")
	s := tm.waitText(t, "Busy Here")
	for _, want := range []string{"TIME", "KIND", "USER", "FROM → TO", "Richard Malk", "+12065550142 → +14255550199", "✗ 486 Busy Here", "sbc1.adatum.biz", "3 rows"} {
		if !strings.Contains(s, want) {
			t.Errorf("the logs lack %q:\n%s", want, s)
		}
	}
	lines := strings.Split(s, "\n")
	var order []string
	for _, l := range lines {
		switch {
		case strings.Contains(l, "+14255550199"):
			order = append(order, "dr-demo")
		case strings.Contains(l, "Busy Here"):
			order = append(order, "dr-busy")
		case strings.Contains(l, "+0123456789"):
			order = append(order, "cp")
		}
	}
	if strings.Join(order, ",") != "dr-demo,dr-busy,cp" {
		t.Errorf("rows in order %v, want newest first:\n%s", order, s)
	}
	f.waitAudit(t, map[string]string{"action": ActOpen, "detail": "PSTN and Direct Routing calls (last 2160h)"})
	tm.send(t, "j\r") // the busy row names no call
	tm.waitText(t, "this one opens nothing")
	tm.send(t, "k\r") // the demo's row
	tm.waitText(t, "Alice Okafor → Conference server")
	f.waitAudit(t, map[string]string{"action": ActOpen, "detail": "call " + demoID + " (file 2026-02-17/" + demoID + ".v3.json.gz)"})
	tm.send(t, "q")
	tm.waitText(t, "Busy Here")
	tm.send(t, "\x1b")
	tm.waitText(t, "filter: pstn")
	tm.send(t, "\x1b") // clears the filter
	tm.waitText(t, "filter: ▏")
	tm.send(t, "\x1b")
	if code := tm.exit(t); code != 0 {
		t.Fatalf("exit %d", code)
	}

	spec := f.openTerm(t, f.specialist, "", 160, 30)
	spec.waitText(t, "PSTN and Direct Routing calls (last")
	spec.send(t, "pstn")
	spec.waitText(t, "0 of ")
	spec.send(t, "\r")
	s = spec.waitText(t, "Busy Here")
	if !strings.Contains(s, "Person 1") || !strings.Contains(s, "+1555000000") {
		t.Errorf("no pseudonyms in the specialist's logs:\n%s", s)
	}
	for _, p := range logPersonal {
		if strings.Contains(s, p) {
			t.Errorf("a specialist saw %q:\n%s", p, s)
		}
	}
	spec.send(t, "\r")
	s = spec.waitText(t, "Person 1 → Conference server")
	if p := personalIn(s); p != nil {
		t.Errorf("the call opened from the logs shows %v to a specialist", p)
	}
	if n := asked.Load(); n != 2 {
		t.Errorf("the Direct Routing log asked %d times, want once per role", n)
	}
}

// The log view scrolls sideways over a table wider than the terminal,
// says when one of the logs failed, and opens only rows that name a call.
func TestLogViewKeys(t *testing.T) {
	v := newLogView("PSTN and Direct Routing calls (last 24h)", 100, 8)
	v.update(logsMsg{table: &logTable{header: "TIME  KIND  USER", lines: []string{"0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJ" + strings.Repeat("x", 150), "row two"},
		calls: []string{"", demoID}, failed: "Graph refused access to getPstnCalls (403)"}})
	if s := v.view(); !strings.Contains(s, "0123456789abcdef") || !strings.Contains(s, "one log failed: Graph refused access") {
		t.Fatalf("first view:\n%s", s)
	}
	v.update(keyPress("right"))
	if s := v.view(); strings.Contains(s, "01234567") || !strings.Contains(s, "89abcdef") {
		t.Fatalf("after →:\n%s", s)
	}
	if cmd := v.update(keyPress("enter")); cmd != nil || !strings.Contains(v.view(), "opens nothing") {
		t.Fatal("enter on a row with no call did something")
	}
	v.update(keyPress("down"))
	if msg := v.update(keyPress("enter"))(); msg != (openCallMsg{demoID}) {
		t.Fatalf("enter on the Direct Routing row: %#v", msg)
	}
	if msg := v.update(keyPress("esc"))(); msg != (closeLogsMsg{}) {
		t.Fatalf("esc: %#v", msg)
	}
	failed := newLogView("x", 100, 8)
	failed.update(logsMsg{err: errors.New("Graph refused access to getDirectRoutingCalls")})
	if s := failed.view(); !strings.Contains(s, "Graph's logs failed: Graph refused") {
		t.Fatalf("both failed:\n%s", s)
	}
	if cmd := failed.update(keyPress("enter")); cmd != nil {
		t.Fatal("enter with no rows did something")
	}
}

func keyPress(k string) tea.KeyPressMsg {
	switch k {
	case "right":
		return tea.KeyPressMsg{Code: tea.KeyRight}
	case "down":
		return tea.KeyPressMsg{Code: tea.KeyDown}
	case "enter":
		return tea.KeyPressMsg{Code: tea.KeyEnter}
	case "esc":
		return tea.KeyPressMsg{Code: tea.KeyEscape}
	}
	r := []rune(k)[0]
	return tea.KeyPressMsg{Code: r, Text: k}
}

// → stops where the table's widest line ends.
func TestLogViewScrollStopsAtTheEnd(t *testing.T) {
	v := newLogView("x", 22, 6)
	v.update(logsMsg{table: &logTable{header: "H", lines: []string{strings.Repeat("a", 30) + "END"}, calls: []string{""}}})
	for range 10 {
		v.update(keyPress("right"))
	}
	if s := v.view(); !strings.Contains(s, "END") {
		t.Fatalf("scrolled past the end:\n%s", s)
	}
}

// / filters the log rows by what is typed, any case; enter keeps the
// filter and opens the row under the cursor among those shown; esc clears
// a kept filter before it goes back.
func TestLogViewFilter(t *testing.T) {
	v := newLogView("x", 120, 10)
	v.update(logsMsg{table: &logTable{header: "TIME  RESULT  TRUNK",
		lines: []string{"09:00  BYE  sbc1.contoso.com", "09:01  ✗ 503 Service Unavailable  sbc2.contoso.com", "09:02  ✗ 486 Busy Here  sbc1.contoso.com"},
		calls: []string{"a", "b", "c"}}})
	for _, k := range []string{"/", "S", "B", "C", "1"} {
		v.update(keyPress(k))
	}
	if s := v.view(); v.rows() != 2 || !strings.Contains(s, "2 of 3 rows") || strings.Contains(s, "503") || !strings.Contains(s, "filter: SBC1") {
		t.Fatalf("typed SBC1: %d rows\n%s", v.rows(), s)
	}
	v.update(keyPress("enter")) // keeps the filter
	v.update(keyPress("down"))
	if msg := v.update(keyPress("enter"))(); msg != (openCallMsg{"c"}) {
		t.Fatalf("enter on the second row shown: %#v", msg)
	}
	if cmd := v.update(keyPress("q")); cmd != nil || v.rows() != 3 || v.query != "" {
		t.Fatalf("q with a filter kept: %d rows, filter %q", v.rows(), v.query)
	}
	v.update(keyPress("/"))
	v.update(keyPress("z"))
	if s := v.view(); v.rows() != 0 || !strings.Contains(s, "no row holds “z”") {
		t.Fatalf("no match:\n%s", s)
	}
	if v.update(keyPress("esc")); v.typing || v.rows() != 3 {
		t.Fatal("esc in the prompt left the filter")
	}
	if msg := v.update(keyPress("esc"))(); msg != (closeLogsMsg{}) {
		t.Fatalf("esc without a filter: %#v", msg)
	}
}

// A Graph row says the call's type in words and lines its columns up by
// display width (a CJK organizer takes two cells a character); a file
// name of wide characters is cut to the screen, not let wrap.
func TestPickerRowsByDisplayWidth(t *testing.T) {
	when := time.Date(2026, 11, 30, 9, 0, 0, 0, time.UTC)
	row := func(org string) string {
		return itemRow(&item{graph: true, id: "ID", kind: "groupCall", organizer: org, when: when, length: time.Minute})
	}
	ascii, cjk := row("Alice Okafor"), row("山田太郎")
	if !strings.Contains(ascii, "group call") || strings.Contains(ascii, "groupCall") {
		t.Errorf("the type in words: %q", ascii)
	}
	if ansi.StringWidth(ascii) != ansi.StringWidth(cjk) || !strings.HasSuffix(cjk, " ID") {
		t.Errorf("the columns do not line up:\n%q\n%q", ascii, cjk)
	}
	p := newPicker([]item{{rel: strings.Repeat("1️⃣", 60) + ".json", when: when, size: 10}}, nil, "dir", false, "")
	p.update(tea.WindowSizeMsg{Width: 60, Height: 8})
	for _, l := range strings.Split(p.view(), "\n") {
		if w := ansi.StringWidth(l); w > 60 {
			t.Errorf("a line of %d cells on a screen of 60: %q", w, l)
		}
	}
}
