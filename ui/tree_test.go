package ui

import (
	"testing"

	"github.com/callscope/callscope/data"
	"github.com/callscope/callscope/load"
	"github.com/callscope/callscope/samples"
)

func demoFile(t testing.TB) *data.File {
	t.Helper()
	f, err := load.Load(samples.DemoName, samples.Demo)
	if err != nil {
		t.Fatal(err)
	}
	return f
}

func TestTreeStartsAtSessionsOrderedByStart(t *testing.T) {
	f := demoFile(t)
	tr := NewTree(f)
	r := f.Records[0]
	if tr.Rows() != 1+len(r.Sessions) || tr.Cursor() != 0 || tr.Selected().Level != LevelCall {
		t.Fatalf("rows %d cursor %d", tr.Rows(), tr.Cursor())
	}
	for i := 2; i < tr.Rows(); i++ {
		a, b := r.Sessions[tr.Row(i-1).Se], r.Sessions[tr.Row(i).Se]
		if b.Start.Before(a.Start) {
			t.Errorf("row %d starts %v, before row %d at %v", i, b.Start, i-1, a.Start)
		}
	}
}

func TestTreeExpandCollapse(t *testing.T) {
	f := demoFile(t)
	tr := NewTree(f)
	tr.SetHeight(10)
	start := tr.Rows()
	tr.Move(1) // first session
	se := tr.Selected()
	segs := tr.ChildCount(se)
	tr.Expand()
	if tr.Rows() != start+segs || tr.Selected() != se {
		t.Fatalf("expand: %d rows, want %d; cursor moved", tr.Rows(), start+segs)
	}
	tr.Expand() // open node: step in
	if got := tr.Selected(); got.Level != LevelSegment || got.Parent() != se {
		t.Fatalf("step in went to %+v", got)
	}
	tr.Collapse() // closed segment: go to the parent
	if tr.Selected() != se {
		t.Fatalf("collapse on a closed node must go to its parent, at %+v", tr.Selected())
	}
	tr.Collapse()
	if tr.Rows() != start || tr.IsOpen(se) {
		t.Fatalf("collapse: %d rows, want %d", tr.Rows(), start)
	}
	tr.Move(-1)
	tr.Collapse() // the call itself collapses to one row
	if tr.Rows() != 1 {
		t.Fatalf("collapsed call shows %d rows", tr.Rows())
	}
	tr.Collapse() // and stays put at the top
	if tr.Rows() != 1 || tr.Cursor() != 0 {
		t.Fatal("collapse at the top moved")
	}
}

func TestTreeDepthsAndSubtrees(t *testing.T) {
	f := demoFile(t)
	c := f.Records[0].Counts()
	tr := NewTree(f)
	want := map[Level]int{
		LevelSession: 1 + c.Sessions,
		LevelSegment: 1 + c.Sessions + c.Segments,
		LevelMedia:   1 + c.Sessions + c.Segments + c.Media,
		LevelStream:  1 + c.Sessions + c.Segments + c.Media + c.Streams,
	}
	for _, lv := range []Level{LevelStream, LevelSession, LevelMedia, LevelSegment} {
		tr.ShowDepth(lv)
		if tr.Rows() != want[lv] {
			t.Errorf("depth %d: %d rows, want %d", lv, tr.Rows(), want[lv])
		}
	}
	tr.ShowDepth(LevelSession)
	tr.Move(1)
	tr.ExpandAll()
	se := tr.Selected()
	n := 0
	for i := tr.Cursor() + 1; i < tr.Rows() && tr.Row(i).Level > LevelSession; i++ {
		n++
	}
	p := resolve(f, se)
	wantBelow := len(p.se.Segments)
	for _, sg := range p.se.Segments {
		wantBelow += len(sg.Media)
		for _, m := range sg.Media {
			wantBelow += len(m.Streams)
		}
	}
	if n != wantBelow {
		t.Errorf("L showed %d rows under the session, want %d", n, wantBelow)
	}
	tr.CollapseAll()
	if tr.Rows() != want[LevelSession] || tr.Selected() != se {
		t.Errorf("H: %d rows, want %d", tr.Rows(), want[LevelSession])
	}
}

func TestTreeKeepsCursorNodeAcrossRebuilds(t *testing.T) {
	f := demoFile(t)
	tr := NewTree(f)
	tr.ShowDepth(LevelStream)
	tr.MoveTo(tr.Rows() - 1)
	deep := tr.Selected()
	tr.ShowDepth(LevelSession) // the stream is hidden: its session is selected
	if got := tr.Selected(); got.Level != LevelSession || !got.IsAncestorOf(deep) {
		t.Fatalf("selected %+v, want the stream's session", got)
	}
	tr.Reveal(deep)
	if tr.Selected() != deep {
		t.Fatalf("reveal selected %+v", tr.Selected())
	}
}

func TestTreeScrollKeepsCursorVisible(t *testing.T) {
	tr := NewTree(demoFile(t))
	tr.ShowDepth(LevelStream)
	tr.SetHeight(5)
	for i := 0; i < tr.Rows(); i++ {
		tr.MoveTo(i)
		if c, o := tr.Cursor(), tr.Offset(); c < o || c >= o+5 {
			t.Fatalf("cursor %d outside rows %d–%d", c, o, o+4)
		}
	}
	tr.Move(1 << 30)
	if tr.Cursor() != tr.Rows()-1 {
		t.Error("move past the end must stop at the last row")
	}
	tr.Move(-1 << 30)
	if tr.Cursor() != 0 || tr.Offset() != 0 {
		t.Error("move past the start must stop at the first row")
	}
	tr.SetHeight(0)
	tr.Move(3) // no screen yet: no panic, cursor still moves
	if tr.Cursor() != 3 {
		t.Error("cursor must move without a screen")
	}
}

func TestLayout(t *testing.T) {
	cases := []struct {
		w, h int
		want Arrangement
	}{
		{160, 50, SideBySide}, {250, 80, SideBySide}, {100, 10, SideBySide},
		{80, 40, Stacked}, {99, 30, Stacked},
		{80, 24, Single}, {20, 6, Single}, {1, 1, Single}, {0, 0, Single},
	}
	for _, c := range cases {
		l := ComputeLayout(c.w, c.h)
		if l.Arrangement != c.want {
			t.Errorf("%d×%d: arrangement %d, want %d", c.w, c.h, l.Arrangement, c.want)
		}
		if l.TreeH < 0 || l.DetailH < 0 || l.TreeW < 0 || l.DetailW < 0 {
			t.Errorf("%d×%d: negative size %+v", c.w, c.h, l)
		}
		if l.Arrangement == SideBySide && l.TreeW+2+l.DetailW != c.w {
			t.Errorf("%d×%d: widths %d + 2 + %d", c.w, c.h, l.TreeW, l.DetailW)
		}
		if l.Arrangement == Stacked && l.TreeH+l.DetailH+4 != c.h {
			t.Errorf("%d×%d: heights %d + %d + 4", c.w, c.h, l.TreeH, l.DetailH)
		}
	}
}
