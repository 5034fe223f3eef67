"""Builds the page with an f-string without escaping the sender name, so a name with a double quote breaks the value attribute (and is an XSS); breaks 'an <input name="sender_name"> whose value is the current sender name'.

expect: task4_hidden
base: alternative_cold_typeadapter_manual_csrf
"""
# %% your_app
# -         f'<label>Sender name <input type="text" name="sender_name" value="{escape(sender_name)}"></label>'
# +         f'<label>Sender name <input type="text" name="sender_name" value="{sender_name}"></label>'
