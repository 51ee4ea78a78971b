package org.wechatmp.core.spi;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.wechatmp.core.client.Tag;

/**
 * The user tags of each account and their members. Memberships are what the follower query's tag filter reads.
 *
 * <p>Read side: {@link #tags}, {@link #find}, {@link #members}. Write side: {@link #save}, {@link #delete},
 * {@link #changeMembers}, {@link #replaceAll}.
 */
public interface TagRepository {
    /**
     * The tags, by id.
     *
     * @param account the account name
     * @return the tags, ordered by id
     */
    List<Tag> tags(String account);

    /**
     * One tag.
     *
     * @param account the account name
     * @param tagId the tag id
     * @return the tag, if stored
     */
    default Optional<Tag> find(String account, int tagId) {
        return tags(account).stream().filter(t -> t.id() == tagId).findFirst();
    }

    /**
     * The members of a tag.
     *
     * @param account the account name
     * @param tagId the tag id
     * @return the openids
     */
    Set<String> members(String account, int tagId);

    /**
     * Inserts or replaces a tag.
     *
     * @param account the account name
     * @param tag the tag
     */
    void save(String account, Tag tag);

    /**
     * Deletes a tag and its memberships.
     *
     * @param account the account name
     * @param tagId the tag id
     */
    void delete(String account, int tagId);

    /**
     * Adds or removes members.
     *
     * @param account the account name
     * @param tagId the tag id
     * @param openids the users
     * @param add {@code true} to add, {@code false} to remove
     */
    void changeMembers(String account, int tagId, Collection<String> openids, boolean add);

    /**
     * Replaces every tag and membership of an account (after a full pull).
     *
     * @param account the account name
     * @param tags the tags
     * @param members for each tag id, its openids
     */
    void replaceAll(String account, List<Tag> tags, Map<Integer, ? extends Collection<String>> members);
}
