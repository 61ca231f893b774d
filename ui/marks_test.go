package ui

import (
	"regexp"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"github.com/callscope/callscope/data"
	"github.com/callscope/callscope/load"
)

const (
	goodAudio = `{"streamDirection":"callerToCallee","packetUtilization":900,"averageRoundTripTime":"PT0.02S","averagePacketLossRate":0,"averageJitter":"PT0.004S"}`
	poorAudio = `{"streamDirection":"calleeToCaller","packetUtilization":900,"averageJitter":"PT0.2S"}`
)

// marksFile holds three sessions: Alice's streams are good but her
// microphone did not work 0.6 % of the call; Bob's are good; Chiara's
// failed, with a poor stream, and her segment repeats the failure.
func marksFile(t *testing.T) *data.File {
	t.Helper()
	mcu := `"callee":{"userAgent":{"role":"skypeForBusinessAudioVideoMcu"}}`
	person := func(name string) string {
		return `"caller":{"associatedIdentity":{"id":"` + name + `","displayName":"` + name + `"},"userAgent":{"platform":"windows"}}`
	}
	failure := `"failureInfo":{"stage":"callSetup","reason":"MediaConnectivityErrors"}`
	doc := `{"id":"c","type":"groupCall","startDateTime":"2026-02-17T14:00:00Z","endDateTime":"2026-02-17T14:30:00Z","sessions":[
	 {"id":"a","startDateTime":"2026-02-17T14:00:00Z","endDateTime":"2026-02-17T14:30:00Z",` + person("Alice") + `,` + mcu + `,
	  "segments":[{"id":"a1","media":[{"label":"main-audio","callerDevice":{"captureNotFunctioningEventRatio":0.006},"streams":[` + goodAudio + `]}]}]},
	 {"id":"b","startDateTime":"2026-02-17T14:01:00Z","endDateTime":"2026-02-17T14:30:00Z",` + person("Bob") + `,` + mcu + `,
	  "segments":[{"id":"b1","media":[{"label":"main-audio","streams":[` + goodAudio + `]}]}]},
	 {"id":"c","startDateTime":"2026-02-17T14:02:00Z","endDateTime":"2026-02-17T14:03:00Z",` + person("Chiara") + `,` + mcu + `,` + failure + `,
	  "segments":[{"id":"c1",` + failure + `,"media":[{"label":"main-audio","streams":[` + poorAudio + `]}]}]}]}`
	f, err := load.Load("marks.json", []byte(doc))
	if err != nil {
		t.Fatal(err)
	}
	return f
}

// A session whose streams are good but whose microphone did not work is a
// problem everywhere: tree, ], f, participants, timeline.
func TestDeviceProblemIsAProblemEverywhere(t *testing.T) {
	f := marksFile(t)
	m := press(loaded(f, 120, 30), "4") // every row open
	s := screen(m)
	for _, want := range []string{"✗ Alice → Conference server", "✗ main-audio", "✓ Alice → Conference", "✓ Bob → Conference server"} {
		if !strings.Contains(s, want) {
			t.Errorf("tree lacks %q:\n%s", want, s)
		}
	}
	// ] lands on the media whose device says so, before Chiara's failure.
	m = press(loaded(f, 120, 30), "]")
	if got, want := m.ctx.Tree.Selected(), (Node{Level: LevelMedia}); got != want {
		t.Errorf("] selected %+v, want Alice's main-audio %+v", got, want)
	}
	if !strings.Contains(screen(m), "microphone not working 0.6 % of the call") {
		t.Errorf("the media pane does not say why:\n%s", screen(m))
	}
	// f keeps Alice and Chiara, hides Bob.
	s = screen(press(loaded(f, 120, 30), "f"))
	if !strings.Contains(s, "Alice → Conference server") || !strings.Contains(s, "Chiara → Conference server") || strings.Contains(s, "Bob") {
		t.Errorf("f:\n%s", s)
	}
	s = screen(press(loaded(f, 120, 30), "p"))
	for _, want := range []string{" ✗ Alice", " ✓ Bob", " ⊘ Chiara"} {
		if !strings.Contains(s, want) {
			t.Errorf("participants lack %q:\n%s", want, s)
		}
	}
	s = screen(press(loaded(f, 120, 30), "t")) // the time cursor (│, ┿ on a bar) stands at the start
	for _, want := range []*regexp.Regexp{regexp.MustCompile(`Alice +✗ [━┿]`), regexp.MustCompile(`Bob +✓ [ │]+━`), regexp.MustCompile(`Chiara +⊘ [ │]+━*⊘`)} {
		if !want.MatchString(s) {
			t.Errorf("timeline lacks %v:\n%s", want, s)
		}
	}
}

// A failure outranks a poor stream, and a segment's failure that repeats
// its session's still marks the segment.
func TestFailureOutranksAndRepeats(t *testing.T) {
	s := screen(press(loaded(marksFile(t), 120, 30), "4"))
	for _, want := range []string{
		"▾ ⊘ Call c",
		"  ▾ ⊘ failed · Chiara → Conference server",   // the session: failed, and a poor stream
		"    ▾ ⊘ failed · Chiara → Conference server", // its segment, repeating the failure
		"✗ main-audio", "✗ Conference → Chiara",
	} {
		if !strings.Contains(s, want) {
			t.Errorf("tree lacks %q:\n%s", want, s)
		}
	}
	if n := strings.Count(s, "⊘ failed · Chiara"); n != 2 {
		t.Errorf("%d rows say Chiara failed, want the session and its segment:\n%s", n, s)
	}
}

// A narrow tree still says "failed" on a failed row.
func TestFailedWordFitsANarrowTree(t *testing.T) {
	s := screen(press(loaded(marksFile(t), 40, 30), "4"))
	rows := 0
	for _, l := range strings.Split(s, "\n") {
		if !strings.Contains(l, "⊘") || strings.Contains(l, "Call c") {
			continue
		}
		rows++
		if i := strings.Index(l, "failed"); i < 0 || ansi.StringWidth(l[:i]) > 12 {
			t.Errorf("%q: 'failed' is not in the first 12 columns", l)
		}
	}
	if rows != 2 {
		t.Errorf("%d failed rows, want 2:\n%s", rows, s)
	}
}

// ! means a warning: no failure is drawn with it anywhere.
func TestNoBangForFailures(t *testing.T) {
	f := demoFile(t)
	screens := map[string]*Model{
		"tree":         press(loaded(f, 160, 60), "4"),
		"call":         loaded(f, 160, 60),
		"help":         press(loaded(f, 160, 60), "?"),
		"participants": press(loaded(f, 160, 60), "p"),
		"timeline":     press(loaded(f, 160, 60), "t"),
	}
	// Chiara's session and segment panes.
	screens["session"] = press(loaded(f, 160, 60), "j", "j", "j", "j")
	screens["segment"] = press(loaded(f, 160, 60), "j", "j", "j", "j", "l", "l")
	for name, m := range screens {
		s := screen(m)
		for _, l := range strings.Split(s, "\n") {
			if strings.Contains(strings.ToLower(l), "fail") && !strings.Contains(l, "⊘") && !strings.Contains(l, "next problem (failure") {
				t.Errorf("%s: %q speaks of a failure without ⊘", name, l)
			}
			if strings.Contains(l, "Chiara") && strings.Contains(l, "!") {
				t.Errorf("%s: %q marks Chiara's failure with !", name, l)
			}
		}
	}
	if s := screen(screens["session"]); !strings.Contains(s, "⊘ Chiara Rossi (Guest): failed at call setup") {
		t.Errorf("the session's findings do not mark the failure ⊘:\n%s", s)
	}
	if s := screen(screens["segment"]); !strings.Contains(s, "⊘ Failed at call setup") || !strings.Contains(s, "⊘ 1 failure") {
		t.Errorf("segment pane:\n%s", s)
	}
}

func TestLegendHasOneMeaningPerMark(t *testing.T) {
	s := screen(press(loaded(demoFile(t), 160, 60), "?"))
	for _, want := range []string{"⊘  failed", "✗  poor stream, or a problem finding", "!  warning", "✓  good", "·  unclassified", "i  information",
		"not that the user perceived a problem"} {
		if !strings.Contains(s, want) {
			t.Errorf("legend lacks %q:\n%s", want, s)
		}
	}
}

// The stream pane says Microsoft's caveat with a poor verdict.
func TestPoorStreamCarriesTheCaveat(t *testing.T) {
	f := marksFile(t)
	m := press(loaded(f, 160, 40), "4", "G") // every row open; the last is Chiara's poor stream
	if sel := m.ctx.Tree.Selected(); sel.Level != LevelStream || resolve(f, sel).st.Quality.Verdict != data.Poor {
		t.Fatalf("selected %+v", sel)
	}
	if s := screen(m); !strings.Contains(s, "not that the user perceived a problem") {
		t.Errorf("poor stream pane lacks the caveat:\n%s", s)
	}
	m = press(m, "g", "j", "l", "l", "l", "l", "l") // Alice's good stream
	if sel := m.ctx.Tree.Selected(); sel.Level != LevelStream || resolve(f, sel).st.Quality.Verdict != data.Good {
		t.Fatalf("selected %+v", sel)
	}
	if s := screen(m); strings.Contains(s, "perceived") {
		t.Errorf("a good stream's pane carries the caveat:\n%s", s)
	}
}
