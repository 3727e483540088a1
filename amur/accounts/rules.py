# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
import rules


@rules.predicate
def owns_token(user, token) -> bool:
    return token is not None and token.user_id == user.pk


rules.add_perm("accounts.revoke_apitoken", owns_token)
