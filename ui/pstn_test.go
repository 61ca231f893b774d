package ui

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/callscope/callscope/data"
	"github.com/callscope/callscope/internal/golden"
	"github.com/callscope/callscope/internal/hostile"
	"github.com/callscope/callscope/load"
	"github.com/callscope/callscope/problems"
	"github.com/callscope/callscope/pstn"
	"github.com/callscope/callscope/report"
)

// The crafted call with three PSTN legs and its crafted Direct Routing log
// (testdata/README.md): a row on each leg, the AudioCodes leg's failed
// with 503, a row through another SBC that fits no leg.
var (
	craftedDRLog = filepath.Join("..", "testdata", "pstn", "crafted-aa-cq-bot-pstn-dr-log.json")
)

func craftedLog(t testing.TB) *pstn.Log {
	t.Helper()
	l, err := pstn.Read(craftedDRLog, nil, load.Limits{})
	if err != nil {
		t.Fatal(err)
	}
	return l
}

// loadedWith is the explorer at w×h with f loaded and logs given, as
// after Init's command.
func loadedWith(f *data.File, logs []*pstn.Log, w, h int) *Model {
	m := New(Options{Source: "test.json", Dark: true, PSTNLogs: logs})
	m = step(m, tea.WindowSizeMsg{Width: w, Height: h})
	return step(m, loadedMsg{file: f, pstn: matchPSTN(f, logs)})
}

// loadThrough runs Init's load as the program would: the rows are matched
// where the file is loaded.
func loadThrough(t *testing.T, m *Model) *Model {
	t.Helper()
	f, err := m.ctx.Opts.Load(t.Context(), func(string) {})
	if err != nil {
		t.Fatal(err)
	}
	return step(m, loadedMsg{file: f, pstn: matchPSTN(f, m.ctx.Opts.PSTNLogs)})
}

func TestGoldenPSTNScreens(t *testing.T) {
	f, logs := craftedFile(t), []*pstn.Log{craftedLog(t)}
	for _, c := range []struct {
		name string
		w, h int
		keys []string
	}{
		// The AudioCodes leg: the second session, its first segment.
		{"pstn-failed-leg-160x50", 160, 50, []string{"j", "j", "l", "j"}},
		{"pstn-failed-leg-100x30", 100, 30, []string{"j", "j", "l", "j"}},
		{"pstn-call-160x50", 160, 50, nil},
	} {
		t.Run(c.name, func(t *testing.T) {
			m := press(loadedWith(f, logs, c.w, c.h), c.keys...)
			golden.Assert(t, t.Name()+".golden", []byte(screen(m)))
		})
	}
}

// tableAt is a log's table at w×h after keys.
func tableAt(t *testing.T, tb *rowsTable, w, h int, keys ...string) *rowsTable {
	t.Helper()
	tb.SetSize(w, h)
	for _, k := range keys {
		tb.HandleKey(keyMsg(k))
	}
	return tb
}

func tableScreen(tb *rowsTable) string { return ansi.Strip(tb.View()) }

func TestGoldenLogTable(t *testing.T) {
	l := craftedLog(t)
	for _, c := range []struct {
		name string
		w, h int
		keys []string
	}{
		{"log-table-160x20", 160, 20, nil},
		{"log-table-80x12", 80, 12, nil},
		{"log-row-details-100x30", 100, 30, []string{"down", "enter"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			tb := tableAt(t, newRowsTable(l.Title(), l.Rows, l.Warnings, false), c.w, c.h, c.keys...)
			golden.Assert(t, t.Name()+".golden", []byte(tableScreen(tb)))
		})
	}
}

// paneOf is the details pane's text (the pane y s copies), without colour.
func paneOf(m *Model) string { return ansi.Strip(strings.Join(m.main.details.lines, "\n")) }

// The call's findings in the explorer are the report's: the rows' merged
// into the record's as report.BuildWith merges them; a session's and a
// segment's pane lists those on its legs.
func TestPSTNFindingsAreTheReports(t *testing.T) {
	f, logs := craftedFile(t), []*pstn.Log{craftedLog(t)}
	m := loadedWith(f, logs, 160, 50)
	call := pstn.ForFile(f, logs)[0]
	want := report.BuildWith(f.Records[0], call.Section()).Findings
	got := m.ctx.Tree.pstn.nodeFindings(Node{Level: LevelCall}, f.Records[0].Findings)
	if len(got) != len(want) || len(got) != len(f.Records[0].Findings)+3 {
		t.Fatalf("findings %d, report %d, record %d", len(got), len(want), len(f.Records[0].Findings))
	}
	for i := range got {
		if got[i].String() != want[i].String() {
			t.Errorf("finding %d: %q, the report's %q", i, got[i].String(), want[i].String())
		}
	}
	failed := "✗ PSTN leg +14255550142 via AudioCodes: SIP 503 Service Unavailable, sub-reason 560503"
	if p := paneOf(m); !strings.Contains(p, "Findings (6)") || !strings.Contains(p, failed) {
		t.Errorf("call pane:\n%s", p)
	}
	m = press(m, "j", "j") // the AudioCodes leg's session
	if p := paneOf(m); !strings.Contains(p, failed) || strings.Contains(p, "via sbc1.contoso.com: SIP BYE") {
		t.Errorf("session pane has its leg's row, and only its:\n%s", p)
	}
	m = press(m, "j", "j") // the recorder's session: no leg
	if p := paneOf(m); strings.Contains(p, "SIP") {
		t.Errorf("a session without the leg:\n%s", p)
	}
	if f.Records[0].Findings[2].Text == want[2].Text && len(f.Records[0].Findings) == len(want) {
		t.Errorf("the record's own findings were changed")
	}
}

// The gateway leg's tree row says its SIP outcome, failed calls marked;
// rows of other nodes say nothing of the logs.
func TestPSTNLegRowShowsSIPCode(t *testing.T) {
	f, logs := craftedFile(t), []*pstn.Log{craftedLog(t)}
	m := press(loadedWith(f, logs, 240, 50), "2")
	rows := map[string]string{}
	for i := 0; i < m.ctx.Tree.Rows(); i++ {
		rows[fmt.Sprint(m.ctx.Tree.Row(i))] = ansi.Strip(renderRow(m.ctx.Tree, i, 200, false, m.ctx.St))
	}
	leg := func(se, sg int32) string { return rows[fmt.Sprint(Node{Level: LevelSegment, Se: se, Sg: sg})] }
	if r := leg(1, 0); !strings.Contains(r, "⊘ ✗ SIP 503 Service Unavailable · failed · PSTN gateway AudioCodes → Mediation server  4m 20s") {
		t.Errorf("the failed leg: %q", r)
	}
	// The first leg's mark is its poor stream's; its call did not fail.
	if r := leg(0, 0); !strings.Contains(r, "▸ ✗ SIP BYE · PSTN gateway sbc1.contoso.com → Mediation server") || strings.Contains(r, "✗ ✗") {
		t.Errorf("the first leg: %q", r)
	}
	n := 0
	for _, r := range rows {
		if strings.Contains(r, "SIP ") {
			n++
		}
	}
	if n != 3 {
		t.Errorf("%d rows say a SIP outcome, want the 3 legs':\n%v", n, rows)
	}
	// Without rows: nothing on the rows, the call pane says why.
	m = press(loadedWith(f, nil, 240, 50), "2")
	for i := 0; i < m.ctx.Tree.Rows(); i++ {
		if r := renderRow(m.ctx.Tree, i, 200, false, m.ctx.St); strings.Contains(r, "SIP") {
			t.Errorf("no rows, yet %q", r)
		}
	}
	if p := paneOf(m); !strings.Contains(p, "PSTN / Direct Routing (not fetched)") || !strings.Contains(p, "not fetched: the call has PSTN legs, and no PSTN or Direct Routing log was fetched or given") {
		t.Errorf("call pane without rows:\n%s", p)
	}
	// A call without PSTN legs says nothing of the logs.
	m = loadedWith(demoFileNoPSTN(t), logs, 160, 50)
	if p := paneOf(m); strings.Contains(p, pstnTitle) {
		t.Errorf("a call without PSTN legs:\n%s", p)
	}
}

// A leg's words are built where the rows are matched: a frame's row only
// joins them to its own (one allocation), whatever the leg's rows.
func TestPSTNLegWordsBuiltOnce(t *testing.T) {
	f, logs := craftedFile(t), []*pstn.Log{craftedLog(t)}
	px := matchPSTN(f, logs)
	leg := Node{Level: LevelSegment, Se: 1, Sg: 0}
	if got := px.rowMain(leg, "main"); got != "✗ SIP 503 Service Unavailable · main" {
		t.Fatalf("the failed leg: %q", got)
	}
	if a := testing.AllocsPerRun(20, func() { px.rowMain(leg, "main") }); a > 1 {
		t.Errorf("a leg's row allocates %.0f times a frame: its words are rebuilt", a)
	}
	for _, n := range []Node{{Level: LevelCall}, {Level: LevelSession, Se: 3}, {Level: LevelMedia, Se: 1}} {
		if got := px.rowMain(n, "main"); got != "main" {
			t.Errorf("%v is no leg: %q", n, got)
		}
	}
	var none *pstnFile
	if got := none.rowMain(leg, "main"); got != "main" {
		t.Errorf("no rows: %q", got)
	}
}

func demoFileNoPSTN(t *testing.T) *data.File {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "testdata", "graph", "callrecord-get-expand-sessions-v1-2021.json"))
	if err != nil {
		t.Fatal(err)
	}
	f, err := load.Load("x.json", b)
	if err != nil {
		t.Fatal(err)
	}
	return f
}

// Rows fetched with --id come in the record (pstn.Member), and show as
// rows from --pstn-log do; the unmatched and the status on the call.
func TestPSTNEmbeddedRowsShow(t *testing.T) {
	b, err := os.ReadFile(filepath.Join("..", "testdata", "crafted-aa-cq-bot-pstn.json"))
	if err != nil {
		t.Fatal(err)
	}
	l := craftedLog(t)
	from, to := time.Date(2026, 7, 14, 8, 55, 0, 0, time.UTC), time.Date(2026, 7, 14, 9, 27, 0, 0, time.UTC)
	src := &pstn.Source{Kind: pstn.DirectRouting, Name: "getDirectRoutingCalls", Status: pstn.Fetched, From: from, To: to, Total: 12, Rows: l.Rows[:4]}
	forbidden := &pstn.Source{Kind: pstn.CallingPlan, Name: "getPstnCalls", Status: pstn.Forbidden, Error: "Graph refused access (403)"}
	withRows, err := pstn.Embed(b, []*pstn.Source{src, forbidden}, from, to)
	if err != nil {
		t.Fatal(err)
	}
	f, err := load.Load("fetched.json", withRows)
	if err != nil {
		t.Fatal(err)
	}
	m := loadedWith(f, nil, 300, 60)
	p := paneOf(m)
	for _, s := range []string{"PSTN / Direct Routing (matched)", "✗ PSTN leg +14255550142 via AudioCodes: SIP 503 Service Unavailable, sub-reason 560503", "  on .sessions[1].segments[0]",
		"Rows about this call that fit no PSTN leg (1)", "408 Request Timeout: its trunk sbc9.contoso.com is not the SBC",
		"getDirectRoutingCalls 2026-07-14 08:55:00 UTC…2026-07-14 09:27:00 UTC: fetched, 12 rows in the window, 4 about this call",
		"getPstnCalls 2026-07-14 08:55:00 UTC…2026-07-14 09:27:00 UTC: forbidden"} {
		if !strings.Contains(p, s) {
			t.Errorf("call pane lacks %q:\n%s", s, p)
		}
	}
	m = press(m, "j", "j", "l", "j")
	if p := paneOf(m); !strings.Contains(p, "Final SIP code      503 Service Unavailable") || !strings.Contains(p, "Matched by          correlationId, number and time") {
		t.Errorf("the failed leg's pane:\n%s", p)
	}
}

// Init matches the logs given where it loads the file.
func TestPSTNLogsMatchedWhereTheFileLoads(t *testing.T) {
	f, logs := craftedFile(t), []*pstn.Log{craftedLog(t)}
	m := New(Options{Source: "x", PSTNLogs: logs, Load: func(context.Context, func(string)) (*data.File, error) { return f, nil }})
	m = step(m, tea.WindowSizeMsg{Width: 160, Height: 50})
	for _, msg := range runBatch(m.Init()) {
		if lm, ok := msg.(loadedMsg); ok {
			if lm.pstn == nil || lm.pstn.call(0) == nil || len(lm.pstn.call(0).Matches) != 3 {
				t.Fatalf("loaded without the rows matched: %+v", lm.pstn)
			}
			m = step(m, lm)
		}
	}
	if p := paneOf(m); !strings.Contains(p, "Findings (6)") {
		t.Errorf("call pane:\n%s", p)
	}
}

// runBatch runs a command and the commands of a batch it returns, at once
// (a load's progress waits for the load), and returns their messages.
func runBatch(cmd tea.Cmd) []tea.Msg {
	if cmd == nil {
		return nil
	}
	msg := cmd()
	batch, ok := msg.(tea.BatchMsg)
	if !ok {
		return []tea.Msg{msg}
	}
	out := make([]tea.Msg, len(batch))
	var wg sync.WaitGroup
	for i, c := range batch {
		if c == nil {
			continue
		}
		wg.Add(1)
		go func() { defer wg.Done(); out[i] = c() }()
	}
	wg.Wait()
	return out
}

// A log's table: / filters as typed, enter keeps the filter, enter shows
// a row's details, esc goes back, clears the filter, then quits.
func TestLogTableFiltersAndShowsDetails(t *testing.T) {
	l := craftedLog(t)
	tb := tableAt(t, newRowsTable(l.Title(), l.Rows, l.Warnings, false), 120, 30, "s", "b", "c", "9")
	if len(tb.shown) != 5 {
		t.Fatalf("letters outside the prompt filter nothing: %d rows shown", len(tb.shown))
	}
	tableAt(t, tb, 120, 30, "/", "s", "b", "c", "9")
	s := tableScreen(tb)
	if len(tb.shown) != 1 || !strings.Contains(s, "✗ 408 Request Timeout") || strings.Contains(s, "503") || !strings.Contains(s, "/sbc9") {
		t.Fatalf("filtered on sbc9:\n%s", s)
	}
	tb.HandleKey(keyMsg("enter")) // keeps the filter
	if s := tableScreen(tb); tb.prompt.open || len(tb.shown) != 1 || !strings.Contains(s, "filter “sbc9”") {
		t.Fatalf("enter keeps the filter:\n%s", s)
	}
	if cmd := tb.HandleKey(keyMsg("enter")); cmd != nil || tb.chosen != nil {
		t.Fatalf("enter in a log file's table chooses nothing")
	}
	s = tableScreen(tb)
	for _, want := range []string{"Direct Routing row · 2026-07-14 09:15:00 UTC", "Final SIP code      408 Request Timeout", "Trunk               sbc9.contoso.com",
		"Its call record: callscope --id 0b9e8d7c-6b5a-4f3e-9d2c-1b0a9f8e7d6c"} {
		if !strings.Contains(s, want) {
			t.Errorf("details lack %q:\n%s", want, s)
		}
	}
	if cmd := tb.HandleKey(keyMsg("esc")); cmd != nil || tb.detail != -1 || len(tb.shown) != 1 {
		t.Fatalf("esc in the details goes back to the filtered rows")
	}
	if cmd := tb.HandleKey(keyMsg("esc")); cmd != nil || len(tb.shown) != 5 {
		t.Fatalf("esc on filtered rows clears the filter: %d rows shown", len(tb.shown))
	}
	if cmd := tb.HandleKey(keyMsg("esc")); !isQuit(cmd) {
		t.Errorf("esc on the rows quits")
	}
}

// In the prompt, esc clears the filter; q and j are letters there.
func TestLogTableFilterPromptEscClears(t *testing.T) {
	l := craftedLog(t)
	tb := tableAt(t, newRowsTable(l.Title(), l.Rows, l.Warnings, false), 120, 30, "/", "B", "o", "b")
	if len(tb.shown) != 1 || tb.cells[tb.shown[0]][colUser] != "Bob Ngata" {
		t.Fatalf("/Bob: %d rows\n%s", len(tb.shown), tableScreen(tb))
	}
	if cmd := tb.HandleKey(keyMsg("q")); cmd != nil || !tb.prompt.open || len(tb.shown) != 0 {
		t.Fatalf("q types in the prompt: %d rows", len(tb.shown))
	}
	if s := tableScreen(tb); !strings.Contains(s, "no row matches") {
		t.Errorf("no match:\n%s", s)
	}
	tb.HandleKey(keyMsg("esc"))
	if tb.prompt.open || tb.query != "" || len(tb.shown) != 5 || strings.Contains(tableScreen(tb), "filter “") {
		t.Errorf("esc in the prompt clears the filter: %d rows", len(tb.shown))
	}
}

// The filter looks at the columns on screen: on a narrow screen that
// drops the duration, "15m" no longer matches; the trunk, kept, does.
func TestLogTableFilterLooksAtTheColumnsShown(t *testing.T) {
	l := craftedLog(t)
	tb := tableAt(t, newRowsTable(l.Title(), l.Rows, l.Warnings, false), 160, 20, "/", "1", "5", "m")
	if len(tb.shown) != 1 {
		t.Fatalf("15m at 160 columns: %d rows", len(tb.shown))
	}
	tb.SetSize(80, 20)
	if len(tb.shown) != 0 || !strings.Contains(tableScreen(tb), "no row matches") {
		t.Fatalf("15m at 80 columns, the duration dropped: %d rows\n%s", len(tb.shown), tableScreen(tb))
	}
	tableAt(t, tb, 80, 20, "esc", "/", "s", "b", "c", "2")
	if len(tb.shown) != 1 || !strings.Contains(tableScreen(tb), "sbc2.contoso.com") {
		t.Errorf("sbc2 at 80 columns:\n%s", tableScreen(tb))
	}
}

// On a narrow screen the trunk stays whole: the time loses " UTC", the
// result is cut after its SIP code, the kind, the duration and the user
// go first. The SIP code and the numbers stay at 80 columns.
func TestLogTableNarrowKeepsTheTrunk(t *testing.T) {
	l := craftedLog(t)
	for _, c := range []struct {
		w    int
		gone []string
	}{
		{100, []string{"KIND", "DURATION"}}, // the numbers whole: "+14255550142 → +14255550123"
		{80, []string{"KIND", "DURATION", "USER"}},
	} {
		tb := tableAt(t, newRowsTable(l.Title(), l.Rows, l.Warnings, true), c.w, 20)
		s := tableScreen(tb)
		for _, want := range []string{"TRUNK", "sbc2.contoso.com", "sbc9.contoso.com", "✗ 503 Service", "✗ 408 Request", "2026-07-14 09:01:41", "+14255550142"} {
			if !strings.Contains(s, want) {
				t.Errorf("%d columns: %q is cut:\n%s", c.w, want, s)
			}
		}
		for _, g := range c.gone {
			if strings.Contains(s, g) {
				t.Errorf("%d columns: %s still shows before the trunk:\n%s", c.w, g, s)
			}
		}
		for _, line := range strings.Split(s, "\n") {
			if width(line) > c.w {
				t.Errorf("%d columns: a line %d wide", c.w, width(line))
			}
		}
	}
}

// Why a call did not open is wrapped whole on the footer, its remedy (at
// its end) on screen at 80 columns; the rows give way to it.
func TestPSTNPickerStatusWrapsWithItsRemedy(t *testing.T) {
	l := craftedLog(t)
	p := NewPSTNPicker("PSTN and Direct Routing calls", l.Rows)
	tb := tableAt(t, p.t, 80, 12)
	p.SetStatus("call record 7e1d2c3b-9a8f-4e6d-b5c4-a3b2c1d0e9f8: call record not found (404 NotFound): it is older than 30 days, belongs to another tenant, or lives in another cloud (--cloud global|usgov|dod); check the id")
	s := tableScreen(tb)
	lines := strings.Split(s, "\n")
	if len(lines) != 12 || !strings.Contains(strings.Join(lines[9:], " "), "check the id") {
		t.Fatalf("the status's remedy is cut:\n%s", s)
	}
	for _, line := range lines {
		if width(line) > 80 {
			t.Errorf("a line %d wide", width(line))
		}
	}
	if tb.cur.h != 12-3-3 {
		t.Errorf("the rows keep %d lines beside a status of 3", tb.cur.h)
	}
}

// A row's details are built when the row opens, not on each key: a
// scroll costs less than building them once.
func TestLogRowDetailsBuiltOnce(t *testing.T) {
	l := craftedLog(t)
	tb := tableAt(t, newRowsTable(l.Title(), l.Rows, l.Warnings, false), 100, 10, "enter")
	build := testing.AllocsPerRun(5, func() { tb.detailLines() })
	down := keyMsg("down")
	if a := testing.AllocsPerRun(5, func() { tb.HandleKey(down) }); a >= build {
		t.Errorf("a scroll allocates %.0f times, building the details %.0f: they are rebuilt", a, build)
	}
	tb.SetSize(60, 10)
	if got := ansi.Strip(strings.Join(tb.lines, "\n")); !strings.Contains(got, "Final SIP code") || width(tb.lines[0]) != 60 {
		t.Errorf("a resize rebuilds the details at the new width:\n%s", got)
	}
}

func isQuit(cmd tea.Cmd) bool {
	if cmd == nil {
		return false
	}
	_, ok := cmd().(tea.QuitMsg)
	return ok
}

// The picker: enter on a Direct Routing row with a call chooses it; on a
// Calling Plan row (no call record to open) it shows the row's details.
func TestPSTNPickerChoosesCallsAndShowsOtherRows(t *testing.T) {
	l := craftedLog(t)
	cp, err := pstn.Read(filepath.Join("..", "testdata", "graph", "getpstncalls-v1.json"), nil, load.Limits{})
	if err != nil {
		t.Fatal(err)
	}
	rows := append([]*pstn.Row{cp.Rows[0]}, l.Rows...)
	p := NewPSTNPicker("PSTN and Direct Routing calls", rows)
	tb := tableAt(t, p.t, 160, 20, "enter")
	if tb.chosen != nil || tb.detail != 0 || !strings.Contains(tableScreen(tb), "Calling Plan row") {
		t.Fatalf("enter on a Calling Plan row:\n%s", tableScreen(tb))
	}
	tb.HandleKey(keyMsg("esc"))
	tb.HandleKey(keyMsg("down"))
	tb.HandleKey(keyMsg("down"))
	if cmd := tb.HandleKey(keyMsg("enter")); !isQuit(cmd) || tb.chosen != l.Rows[1] {
		t.Fatalf("enter on the failed Direct Routing row: chose %v", tb.chosen)
	}
	p.SetStatus("call record 7e1d2c3b: \x1b]52;c;cHduZWQ=\x07not found")
	if s := tb.View(); !strings.Contains(ansi.Strip(s), "call record 7e1d2c3b: not found") || foreignSequence(s) != "" {
		t.Errorf("status: %q", s)
	}
}

// No text of a row reaches the screen uncleaned: every string of the log
// carries every attack, in the table, a row's details, the explorer's
// tree and panes (its rows unmatched then: their ids are attacked too).
func TestHostileLogRowsNeverReachTheScreen(t *testing.T) {
	b, err := os.ReadFile(craftedDRLog)
	if err != nil {
		t.Fatal(err)
	}
	bad, err := pstn.Parse("hostile.json", hostile.Everywhere(b, hostile.All()), load.Limits{})
	if err != nil {
		t.Fatal(err)
	}
	check := func(what, frame string, w, h int) {
		t.Helper()
		if p := hostile.Screen(frame, w, h); p != "" {
			t.Errorf("%s: %s", what, p)
		}
		if strings.Contains(frame, "cHduZWQ") || strings.Contains(frame, "TITLEPWN") {
			t.Errorf("%s: an escape sequence's payload reached the screen", what)
		}
	}
	for _, size := range [][2]int{{80, 24}, {160, 50}} {
		w, h := size[0], size[1]
		tb := tableAt(t, newRowsTable(bad.Title(), bad.Rows, bad.Warnings, true), w, h)
		for i := range bad.Rows {
			check(fmt.Sprintf("table row %d", i), tb.View(), w, h)
			tb.HandleKey(keyMsg("enter"))
			check(fmt.Sprintf("details %d", i), tb.View(), w, h)
			tb.HandleKey(keyMsg("esc"))
			tb.HandleKey(keyMsg("down"))
		}
		m := press(loadedWith(craftedFile(t), []*pstn.Log{bad}, w, h), "2")
		for i := 0; i < m.ctx.Tree.Rows(); i++ {
			check(fmt.Sprintf("explorer row %d", i), m.View().Content, w, h)
			m = press(m, "j")
		}
	}
	// Attacks only where matching does not look: the rows match, and the
	// legs' rows and panes carry them.
	for _, s := range hostile.Sites(b) {
		if !strings.Contains(s.Path, "Phrase") && !strings.Contains(s.Path, "Location") && !strings.Contains(s.Path, "userDisplayName") {
			continue
		}
		l, err := pstn.Parse("hostile.json", hostile.With(b, s, hostile.All()), load.Limits{})
		if err != nil {
			t.Fatal(err)
		}
		m := press(loadedWith(craftedFile(t), []*pstn.Log{l}, 160, 50), "2")
		if m.ctx.Tree.pstn == nil || len(m.ctx.Tree.pstn.call(0).Matches) != 3 {
			t.Fatalf("%s: the rows no longer match", s.Path)
		}
		for i := 0; i < m.ctx.Tree.Rows(); i++ {
			check(s.Path, m.View().Content, 160, 50)
			m = press(m, "j")
		}
	}
}

// A row's details scroll when they do not fit, no further than their end:
// one up after many downs shows the line above.
func TestLogRowDetailsScroll(t *testing.T) {
	l := craftedLog(t)
	tb := tableAt(t, newRowsTable(l.Title(), l.Rows, l.Warnings, false), 100, 10, "enter")
	n := len(tb.lines)
	for range 50 {
		tb.HandleKey(keyMsg("down"))
	}
	last := strings.Split(tableScreen(tb), "\n")
	if tb.scroll != n-9 || !strings.Contains(last[8], "the logs a year") {
		t.Fatalf("scrolled to %d of %d:\n%s", tb.scroll, n, strings.Join(last, "\n"))
	}
	tb.HandleKey(keyMsg("up"))
	if tb.scroll != n-10 {
		t.Errorf("up after the end: %d", tb.scroll)
	}
}

// The problems list holds what the logs matched to the legs say, as the
// call pane's findings do: the failed leg's 503 is a problem row on that
// leg, and enter opens it there.
func TestProblemsListHoldsThePSTNRows(t *testing.T) {
	f, logs := craftedFile(t), []*pstn.Log{craftedLog(t)}
	m := press(loadedWith(f, logs, 200, 50), "!")
	v, ok := m.ctx.view.(*problemsView)
	if !ok {
		t.Fatalf("! opened %T", m.ctx.view)
	}
	var sip *problems.Row
	for i := range v.list.Rows {
		if strings.Contains(v.list.Rows[i].What, "SIP 503 Service Unavailable") {
			sip = &v.list.Rows[i]
		}
	}
	if sip == nil {
		t.Fatalf("no row for the failed leg's 503 among %d rows", len(v.list.Rows))
	}
	if sip.Severity != problems.Problem || sip.Category != problems.Failure || sip.At.Sg < 0 {
		t.Errorf("the 503 row: %+v", *sip)
	}
	// Without the logs there is no such row.
	m = press(loadedWith(f, nil, 200, 50), "!")
	for _, r := range m.ctx.view.(*problemsView).list.Rows {
		if strings.Contains(r.What, "SIP ") {
			t.Errorf("no logs, yet %q", r.What)
		}
	}
}

// Search finds what the logs' findings say, where the panes show it: the
// failed leg's "SIP 503" is found on that leg.
func TestSearchFindsThePSTNFindings(t *testing.T) {
	f, logs := craftedFile(t), []*pstn.Log{craftedLog(t)}
	m := loadedWith(f, logs, 160, 50)
	got, err := findNodes(t.Context(), m.ctx.Tree, f, "SIP 503")
	if err != nil {
		t.Fatal(err)
	}
	leg := false
	for _, n := range got {
		leg = leg || n.Level == LevelSegment && n.Se == 1 && n.Sg == 0
	}
	if !leg {
		t.Errorf("SIP 503 found at %v, not on the failed leg", got)
	}
	// Without the logs nothing says it.
	m = loadedWith(f, nil, 160, 50)
	if got, _ := findNodes(t.Context(), m.ctx.Tree, f, "SIP 503"); len(got) != 0 {
		t.Errorf("no logs, yet found at %v", got)
	}
}

// --local reaches the PSTN block too: its times are in the local zone, as
// the rest of the screen's.
func TestPSTNBlockTimesUnderLocal(t *testing.T) {
	old := time.Local
	time.Local = time.FixedZone("XST", 3600)
	defer func() { time.Local = old }()
	f, logs := craftedFile(t), []*pstn.Log{craftedLog(t)}
	for _, local := range []bool{false, true} {
		m := New(Options{Source: "test.json", Dark: true, PSTNLogs: logs, Local: local})
		m = step(m, tea.WindowSizeMsg{Width: 160, Height: 60})
		m = press(step(m, loadedMsg{file: f, pstn: matchPSTN(f, logs)}), "j", "j", "l", "j")
		want, other := "Invite              2026-07-14 09:01:41 UTC", "XST"
		if local {
			want, other = "Invite              2026-07-14 10:01:41 XST", "UTC"
		}
		if s := screen(m); !strings.Contains(s, want) || strings.Contains(s, other) {
			t.Errorf("local=%v: want %q and no %s:\n%s", local, want, other, s)
		}
	}
}
