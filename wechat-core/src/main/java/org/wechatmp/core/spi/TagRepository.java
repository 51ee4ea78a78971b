package org.wechatmp.core.spi;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import org.wechatmp.core.client.Tag;

/** The user tags of each account and their members. */
public interface TagRepository {
    /**
     * The tags.
     *
     * @param account the account name
     * @return the tags
     */
    List<Tag> tags(String account);

    /**
     * Inserts or replaces a tag.
     *
     * @param account the account name
     * @param tag the tag
     */
    void saveTag(String account, Tag tag);

    /**
     * Deletes a tag and its memberships.
     *
     * @param account the account name
     * @param tagId the tag id
     */
    void deleteTag(String account, int tagId);

    /**
     * The members of a tag.
     *
     * @param account the account name
     * @param tagId the tag id
     * @return the openids
     */
    Set<String> members(String account, int tagId);

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
    void replaceAll(String account, List<Tag> tags, java.util.Map<Integer, ? extends Collection<String>> members);
}
