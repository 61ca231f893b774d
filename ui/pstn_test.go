package ui

import (
	"path/filepath"
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/callscope/callscope/data"
	"github.com/callscope/callscope/internal/golden"
	"github.com/callscope/callscope/load"
	"github.com/callscope/callscope/pstn"
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
