// Package ui is callscope's explorer: a Bubble Tea v2 program over a loaded
// call record. It knows nothing of HTTP or files: it is handed a loader.
//
// # Structure
//
// Model (app.go) is the program: it owns the shared *Context (the record
// and its Tree, the theme and styles, the layout, the options, the status
// line, the last copy) and routes each message. Global keys (quit,
// suspend, ?) are handled in Model.onKey and nowhere else; every other key
// goes to the component in front: the mainScreen (the tree, the details or
// raw JSON beside it, the search and copy prompts, tab between the panes)
// or a full-screen view (participants, timeline, help).
//
// Each pane and view is a Component (component.go) with pointer receivers:
// HandleKey takes the keys it owns and says whether it took one, Update the
// other messages, SetSize its box, Restyle a theme change, and ShortHelp,
// FullHelp and Groups describe its keys for the footer and the ? screen.
// Every binding comes from the one KeyMap (keys.go), which also generates
// the README's key table. View only draws: work happens in Update and
// SetSize, and only what fits the screen is drawn (a meeting can have
// 100,000 rows).
//
// # Adding a view
//
//  1. Add its key to KeyMap and DefaultKeyMap (keys.go), and to a group in
//     KeyMap.Groups so that the README lists it (regenerate the README's
//     table as TestREADMEKeyTable says).
//  2. Write one file with the view: a struct embedding base, with
//     HandleKey (esc and its own key call ctx.closeView), View (exactly
//     the box of SetSize, its title rule from ctx.rule first), SetSize,
//     ShortHelp/FullHelp/Groups chosen from ctx.Keys, and an init that
//     calls registerView with its key and a constructor. The main screen
//     then opens it on that key, ? shows its keys, the footer its short help.
//  3. Messages the Model does not know (a result from the view's own
//     command) go to the view in front's Update.
//
// A key on the main screen (a pane's, not a view's) goes in the component
// that owns it: the tree's in treepane.go, the details' in detailpane.go.
package ui
