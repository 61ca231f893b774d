package ui

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/callscope/callscope/load"
	"github.com/callscope/callscope/pstn"
)

// BenchmarkPSTNTreeFrame draws every row of the crafted call's tree, its
// three PSTN legs' rows' words included, as a frame does.
func BenchmarkPSTNTreeFrame(b *testing.B) {
	m := craftedStreams(b)
	t, st := m.ctx.Tree, m.ctx.St
	b.ReportMetric(float64(t.Rows()), "rows")
	b.ResetTimer()
	for b.Loop() {
		for i := range t.Rows() {
			_ = renderRow(t, i, 80, false, st)
		}
	}
}

// BenchmarkLogDetailsKey is a key and a frame in a log row's details: a
// scroll down, then back up.
func BenchmarkLogDetailsKey(b *testing.B) {
	l := craftedLog(b)
	tb := newRowsTable(l.Title(), l.Rows, l.Warnings, false)
	tb.SetSize(100, 10)
	tb.HandleKey(keyMsg("enter"))
	down, up := keyMsg("down"), keyMsg("up")
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		if i%2 == 0 {
			tb.HandleKey(down)
		} else {
			tb.HandleKey(up)
		}
		_ = tb.View()
	}
}

// BenchmarkPSTNRowWords is the PSTN part of a tree frame alone: every
// row's rowMain.
func BenchmarkPSTNRowWords(b *testing.B) {
	m := craftedStreams(b)
	t := m.ctx.Tree
	b.ResetTimer()
	for b.Loop() {
		for i := range t.Rows() {
			_ = t.pstn.rowMain(t.Row(i), "main")
		}
	}
}

// craftedStreams is the crafted call with its log at 160×50, opened down
// to its streams.
func craftedStreams(b *testing.B) *Model {
	raw, err := os.ReadFile(filepath.Join("..", "testdata", "crafted-aa-cq-bot-pstn.json"))
	if err != nil {
		b.Fatal(err)
	}
	f, err := load.Load("crafted.json", raw)
	if err != nil {
		b.Fatal(err)
	}
	return press(loadedWith(f, []*pstn.Log{craftedLog(b)}, 160, 50), "4")
}
