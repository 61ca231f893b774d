package ui

import (
	"testing"

	"github.com/callscope/callscope/internal/golden"
)

// Golden screens of the demo, without colour. Review a change by eye
// before accepting it with `go test ./ui -update`.
func TestGoldenScreens(t *testing.T) {
	f := demoFile(t)
	cases := []struct {
		name string
		w, h int
		keys []string
	}{
		{"start-80x24", 80, 24, nil},
		{"session-details-80x24", 80, 24, []string{"j", "tab"}},
		{"start-160x50", 160, 50, nil},
		{"poor-stream-160x50", 160, 50, []string{"j", "l", "l", "l", "l", "l", "j", "j"}},
		{"pstn-segment-160x50", 160, 50, []string{"G", "l", "l", "j"}},
		{"media-100x60", 100, 60, []string{"j", "l", "l", "l", "l"}},
		{"participants-80x24", 80, 24, []string{"p", "j"}},
		{"participants-160x50", 160, 50, []string{"p", "j"}},
		{"timeline-80x24", 80, 24, []string{"t", "j"}},
		{"timeline-160x50", 160, 50, []string{"t", "j"}},
		{"help-80x24", 80, 24, []string{"?"}},
		{"help-160x50", 160, 50, []string{"?"}},
		{"help-participants-80x24", 80, 24, []string{"p", "?"}},
		{"raw-80x24", 80, 24, []string{"j", "r", "tab"}},
		{"raw-160x50", 160, 50, []string{"j", "r"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			m := press(loaded(f, c.w, c.h), c.keys...)
			golden.Assert(t, t.Name()+".golden", []byte(screen(m)))
		})
	}
}
