package graph

import (
	"context"
	"fmt"
	"net/url"
	"strings"

	"github.com/tidwall/gjson"
)

// IsObjectID tells a user's object id (a GUID) from a UPN.
func IsObjectID(s string) bool { return guid.MatchString(strings.TrimSpace(s)) }

// ResolveUser gives the object id of the user a UPN names, as the list's
// participant filter needs it; an object id is returned as it is. It asks
// GET {root}/v1.0/users/{upn}?$select=id, which needs the application
// permission User.Read.All.
func (c *Client) ResolveUser(ctx context.Context, who string) (string, error) {
	id, err := c.resolveUser(ctx, who)
	return id, c.scrubErr(err)
}

func (c *Client) resolveUser(ctx context.Context, who string) (string, error) {
	who = strings.TrimSpace(who)
	if IsObjectID(who) {
		return who, nil
	}
	if err := c.init(); err != nil {
		return "", err
	}
	if !strings.Contains(who, "@") || strings.ContainsAny(who, "/\\?#") || len(who) > 256 {
		return "", fmt.Errorf("%q is neither a user's object id nor a UPN: give one such as alice@contoso.com or 821809f5-0000-0000-0000-3b5136c0e777", clean(who, 80))
	}
	u, err := url.Parse(c.Root + "/v1.0/users/" + url.PathEscape(who) + "?$select=id")
	if err != nil {
		return "", err
	}
	body, err := c.get(ctx, u, "user lookup", rateKey{})
	if err != nil {
		return "", err
	}
	id := gjson.GetBytes(body, "id").String()
	if !IsObjectID(id) {
		return "", fmt.Errorf("Graph's answer for user %s has no object id", clean(who, 80))
	}
	return id, nil
}
