package gen

import (
	"fmt"
	"math/rand/v2"
	"slices"

	"github.com/hexform/hexform/schema"
)

// Domain is the allowed domain of generated users; PartnerDomain holds the
// guests, who are listed explicitly.
const (
	Domain        = "corp.example"
	PartnerDomain = "partner.example"
)

var (
	givenNames  = []string{"Ada", "Ben", "Chen", "Dana", "Emil", "Fatima", "Goran", "Hana", "Ivan", "Jun", "Kofi", "Lena", "Mateo", "Nia", "Omar", "Priya"}
	familyNames = []string{"Alvarez", "Brown", "Costa", "Dubois", "Eriksen", "Fischer", "Garcia", "Haddad", "Ito", "Jensen", "Kowalski", "Larsen", "Moreau", "Novak", "Okafor", "Patel"}
	areas       = []string{"Engineering", "Data", "Finance", "Marketing", "Sales", "Support", "Product", "Design", "Operations", "Research"}
	purposes    = []string{"Warehouse", "Reporting", "Events", "Billing", "CRM", "Staging"}
)

// builder holds what building the desired workspace needs.
type builder struct {
	size Size
	rng  *rand.Rand
	perm []int // a permutation of user indexes, reused to sample members
}

// userEmail is the e-mail of the i-th generated user.
func userEmail(i int, guest bool) string {
	if guest {
		return fmt.Sprintf("ext%07d@%s", i, PartnerDomain)
	}
	return fmt.Sprintf("user%07d@%s", i, Domain)
}

// desired builds the workspace the file describes.
func (b *builder) desired() *schema.Workspace {
	minAdmins, ratio, count := 2, 0.25, 3
	ws := &schema.Workspace{
		Version:   1,
		Workspace: "bench",
		Settings:  &schema.Settings{MinAdmins: &minAdmins, MaxDeleteRatio: &ratio, MaxDeleteCount: &count},
		Domains:   &schema.Domains{Allowed: []string{Domain}, DefaultRole: schema.RoleViewer},
		Ignore:    map[string][]string{"groups": {"scim-*"}},
		Confirm:   []string{},
	}
	ws.Users = b.users()
	ws.Groups = b.groups(ws.Users)
	ws.Connections = b.connections(ws.Groups)
	ws.Packages = b.packages()
	ws.Tags = b.tags()
	return ws
}

// users: the first two are admins; then roughly 2% managers, 20% editors,
// 20% explorers, 5% guests at the partner domain and the rest viewers.
func (b *builder) users() []schema.User {
	out := make([]schema.User, b.size.Users)
	for i := range out {
		role := schema.RoleViewer
		switch r := b.rng.IntN(100); {
		case i < 2:
			role = schema.RoleAdmin
		case r < 2:
			role = schema.RoleManager
		case r < 22:
			role = schema.RoleEditor
		case r < 42:
			role = schema.RoleExplorer
		case r < 47:
			role = schema.RoleGuest
		}
		u := schema.User{Email: userEmail(i, role == schema.RoleGuest), Role: role}
		if b.rng.IntN(5) > 0 {
			name := givenNames[b.rng.IntN(len(givenNames))] + " " + familyNames[b.rng.IntN(len(familyNames))]
			u.Name = &name
		}
		out[i] = u
	}
	return out
}

// groupSizes spreads the memberships over the groups with weights 1/(i+5):
// a few large groups (the first holds about a fifth) and a long tail.
func (b *builder) groupSizes() []int {
	n, total := b.size.Groups, b.size.Memberships
	sizes := make([]int, n)
	var w float64
	for i := range n {
		w += 1 / float64(i+5)
	}
	left := total
	for i := range sizes {
		sizes[i] = min(int(float64(total)/(float64(i+5)*w)), b.size.Users)
		left -= sizes[i]
	}
	for i := 0; left > 0; i = (i + 1) % n {
		if sizes[i] < b.size.Users {
			sizes[i]++
			left--
		}
	}
	return sizes
}

// sample returns k distinct user indexes (a partial Fisher-Yates shuffle of
// the reused permutation), sorted.
func (b *builder) sample(k int) []int {
	u := len(b.perm)
	for j := range k {
		r := j + b.rng.IntN(u-j)
		b.perm[j], b.perm[r] = b.perm[r], b.perm[j]
	}
	out := slices.Clone(b.perm[:k])
	slices.Sort(out)
	return out
}

// groupName is the i-th group's name.
func groupName(i int) string {
	return fmt.Sprintf("%s %04d", areas[i%len(areas)], i/len(areas)+1)
}

// groups: every 50th group was renamed (previously:), the first is protected.
func (b *builder) groups(users []schema.User) []schema.Group {
	sizes := b.groupSizes()
	out := make([]schema.Group, len(sizes))
	for i, k := range sizes {
		g := schema.Group{Name: groupName(i), Members: make([]string, 0, k), Protect: firstOnly(i)}
		if i%50 == 1 {
			g.Previously = []string{oldName(g.Name)}
		}
		for _, u := range b.sample(k) {
			g.Members = append(g.Members, users[u].Email)
		}
		slices.Sort(g.Members)
		out[i] = g
	}
	return out
}

// oldName is the name a renamed item had before.
func oldName(name string) string { return name + " (old)" }

// firstOnly protects the first item of a kind and leaves the rest unmanaged.
func firstOnly(i int) *bool {
	if i != 0 {
		return nil
	}
	t := true
	return &t
}
