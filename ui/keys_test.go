package ui

import (
	"reflect"
	"slices"
	"strings"
	"testing"

	"charm.land/bubbles/v2/key"
)

// s is one binding, the lists' next sort order, wherever a list is in
// front (the copy prompt's s, after y, is another mode); its help names
// the lists, and the README's table lists it once.
func TestSortIsOneBinding(t *testing.T) {
	k := DefaultKeyMap()
	copyKeys := k.copyGroup().Keys
	var bound []string
	v := reflect.ValueOf(k)
	for i := range v.NumField() {
		b, ok := v.Field(i).Interface().(key.Binding)
		if !ok || !slices.Contains(b.Keys(), "s") {
			continue
		}
		if slices.ContainsFunc(copyKeys, func(c key.Binding) bool { return c.Help() == b.Help() }) {
			continue
		}
		bound = append(bound, v.Type().Field(i).Name)
	}
	if !slices.Equal(bound, []string{"SortRows"}) {
		t.Errorf("s is bound by %v, want SortRows alone", bound)
	}
	for _, list := range []string{"problems list", "participants", "timeline"} {
		if !strings.Contains(k.SortRows.Help().Desc, list) {
			t.Errorf("s's help %q does not name the %s", k.SortRows.Help().Desc, list)
		}
	}
	if n := strings.Count(k.MarkdownTable(), "| `s` |"); n != 1 {
		t.Errorf("the README's key table lists s %d times", n)
	}
	// And s sorts each list.
	f := demoFile(t)
	for _, open := range []string{"!", "p", "t"} {
		m := press(loaded(f, 120, 40), open)
		before := rule(screen(m))
		if after := rule(screen(press(m, "s"))); after == before {
			t.Errorf("%s then s: the title still says %q", open, before)
		}
	}
}

// rule is a view's title: the screen's second line.
func rule(s string) string { return strings.Split(s, "\n")[1] }
