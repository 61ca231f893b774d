package report

import (
	"bytes"
	"testing"

	"github.com/callscope/callscope/data"
	"github.com/callscope/callscope/internal/fixture"
	"github.com/callscope/callscope/load"
)

// reportIn is a file's report in a format.
func reportIn(t *testing.T, f *data.File, format Format) string {
	t.Helper()
	var b bytes.Buffer
	if err := Write(&b, f, format); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// crafted is the crafted record of today's shape (see testdata/README.md).
func crafted(t testing.TB) *data.File {
	t.Helper()
	f, err := load.Load("crafted.json", fixture.Read(t, "crafted-aa-cq-bot-pstn.json"))
	if err != nil {
		t.Fatal(err)
	}
	return f
}
