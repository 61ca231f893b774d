package report

import (
	"github.com/callscope/callscope/load"
	"strings"
	"testing"
)

func TestMarkdownCarriesNoLinksOrHTML(t *testing.T) {
	f, err := load.Load("x", []byte(`{"id":"x","organizer_v2":{"identity":{"user":{"displayName":"[login](https://evil) <img src=x onerror=alert(1)> *b* _i_"}}}}`))
	if err != nil {
		t.Fatal(err)
	}
	md := reportIn(t, f, FormatMarkdown)
	for _, bad := range []string{"[login](", "<img", "*b*", "_i_"} {
		if strings.Contains(strings.ReplaceAll(md, `\`+bad[:1], ""), bad) {
			t.Errorf("markdown holds %q:\n%s", bad, md)
		}
	}
}
