package ui

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/callscope/callscope/data"
	"github.com/callscope/callscope/load"
)

// craftedFile is testdata's crafted record of today's shape: v2
// fields only, an auto attendant, a call queue, a bot and PSTN legs.
func craftedFile(t *testing.T) *data.File {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "testdata", "crafted-aa-cq-bot-pstn.json"))
	if err != nil {
		t.Fatal(err)
	}
	f, err := load.Load("crafted.json", b)
	if err != nil {
		t.Fatal(err)
	}
	return f
}

// The tree names the endpoints of today's records from participants_v2 and
// says which SBC each PSTN leg goes through; search finds them by those
// names.
func TestTreeRowsOfTodaysRecord(t *testing.T) {
	f := craftedFile(t)
	tr := NewTree(f)
	tr.ShowDepth(LevelSegment)
	var rows []string
	for i := 0; i < tr.Rows(); i++ {
		if n := tr.Row(i); n.Level == LevelSession || n.Level == LevelSegment {
			main, _ := rowText(f, n)
			rows = append(rows, strings.Repeat("  ", int(n.Level)-1)+main)
		}
	}
	want := []string{
		"+14255550142 → Contoso Main Line",
		"  PSTN gateway sbc1.contoso.com → Mediation server",
		"  Mediation server → Contoso Main Line",
		"failed · +14255550142 → Contoso Support Queue", // its SBC leg failed
		"  failed · PSTN gateway AudioCodes → Mediation server",
		"  Mediation server → Contoso Support Queue",
		"+14255550142 → Priya Raman",
		"  PSTN gateway sbc1.contoso.com → Priya Raman",
		"Contoso Recorder → Conference server",
		"  Contoso Recorder → Conference server",
		"  Contoso Recorder → Conference server",
	}
	if strings.Join(rows, "\n") != strings.Join(want, "\n") {
		t.Errorf("rows:\n%s\nwant:\n%s", strings.Join(rows, "\n"), strings.Join(want, "\n"))
	}
	m := loaded(f, 120, 40)
	m = searchFor(t, m, "support queue")
	if sel := m.ctx.Tree.Selected(); sel.Level != LevelSession || sel.Se != 1 {
		t.Errorf("search for the queue's name went to %+v", sel)
	}
}

// The details pane names an auto attendant and a bot by participants_v2
// and says their roles in words, never as Graph spells them.
func TestDetailsOfTodaysRecord(t *testing.T) {
	f := craftedFile(t)
	m := loaded(f, 160, 50)
	m = press(m, "j") // the first session: the phone and the auto attendant
	aa := screen(m)
	for _, want := range []string{"Session · +14255550142", "Name        Contoso Main Line", "Kind        Auto attendant", "Kind        phone"} {
		if !strings.Contains(aa, want) {
			t.Errorf("session pane lacks %q:\n%s", want, aa)
		}
	}
	m = press(m, "j", "j", "j") // the bot's session
	bot := screen(m)
	for _, want := range []string{"Name        Contoso Recorder", "Kind        Bot"} {
		if !strings.Contains(bot, want) {
			t.Errorf("bot session pane lacks %q:\n%s", want, bot)
		}
	}
	for _, s := range []string{aa, bot} {
		for _, raw := range []string{"skypeForBusinessAutoAttendant", "customBot", "user aa1f", "user AA1F", "user b0700b07"} {
			if strings.Contains(s, raw) {
				t.Errorf("the pane shows %q:\n%s", raw, s)
			}
		}
	}
}
