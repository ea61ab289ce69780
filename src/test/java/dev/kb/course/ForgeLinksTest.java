package dev.kb.course;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kb.store.SourceRow;
import org.junit.jupiter.api.Test;

/** A topic's file on GitHub and GitLab at the indexed commit, and its editor on the branch; nothing elsewhere. */
class ForgeLinksTest {
    private static final String SHA = "0123456789abcdef0123456789abcdef01234567";

    private static SourceRow git(String url, String subdir, String ref) {
        return new SourceRow("c", "git", url, null, subdir, SHA, null, "m", ref, null, null);
    }

    @Test
    void github_and_gitlab_urls_in_every_form_lead_to_the_file_at_the_commit() {
        ForgeLinks gh = ForgeLinks.of(git("https://github.com/team/course.git", "course", "refs/heads/main"), "a/b.md");
        assertThat(gh.sourceUrl()).isEqualTo("https://github.com/team/course/blob/" + SHA + "/course/a/b.md");
        assertThat(gh.editUrl()).isEqualTo("https://github.com/team/course/edit/main/course/a/b.md");
        assertThat(ForgeLinks.of(git("git@github.com:team/course.git", null, "refs/heads/dev"), "x.md").editUrl())
                .isEqualTo("https://github.com/team/course/edit/dev/x.md");

        ForgeLinks gl = ForgeLinks.of(git("ssh://git@gitlab.example.org:2222/group/sub/course.git", null,
                "refs/heads/main"), "x.md");
        assertThat(gl.sourceUrl()).isEqualTo("https://gitlab.example.org/group/sub/course/-/blob/" + SHA + "/x.md");
        assertThat(gl.editUrl()).isEqualTo("https://gitlab.example.org/group/sub/course/-/edit/main/x.md");
    }

    @Test
    void a_tag_has_no_editor_and_other_hosts_and_directories_have_neither() {
        ForgeLinks tag = ForgeLinks.of(git("https://github.com/team/course.git", null, "refs/tags/v2"), "x.md");
        assertThat(tag.sourceUrl()).contains("/blob/" + SHA + "/x.md");
        assertThat(tag.editUrl()).isNull();
        assertThat(ForgeLinks.of(git("https://git.example.org/team/course.git", null, "refs/heads/main"), "x.md"))
                .isEqualTo(ForgeLinks.NONE);
        assertThat(ForgeLinks.of(git("file:///srv/course.git", null, "refs/heads/main"), "x.md"))
                .isEqualTo(ForgeLinks.NONE);
        assertThat(ForgeLinks.of(new SourceRow("c", "directory", null, null, null, null, null, null, null, null, null),
                "x.md")).isEqualTo(ForgeLinks.NONE);
        assertThat(ForgeLinks.of(null, "x.md")).isEqualTo(ForgeLinks.NONE);
    }
}
