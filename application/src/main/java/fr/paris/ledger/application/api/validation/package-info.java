/**
 * Bean Validation constraints for request bodies whose messages are the API's own (docs/api.md):
 * controllers annotate their request records with these and {@code jakarta.validation} constraints
 * and take them {@code @Valid}; {@link fr.paris.ledger.application.api.ApiErrors} answers 400
 * {@code request.invalid} with one problem per field, in the record's field order.
 */
package fr.paris.ledger.application.api.validation;
